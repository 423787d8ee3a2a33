import Kith
import ArgumentParser
print("x")
