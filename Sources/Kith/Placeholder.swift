import KithCSV
import Crypto
import Yams
public enum KithPlaceholder {}
