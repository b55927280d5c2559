import Recipes
import APISchema
import KalturaWire
