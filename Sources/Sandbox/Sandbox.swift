import KalturaWire
import Hummingbird
import GRDB
