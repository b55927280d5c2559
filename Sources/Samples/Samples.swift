import Walkthrough
import CDuktape
