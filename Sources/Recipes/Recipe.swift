import JSONValue
import CCmark
