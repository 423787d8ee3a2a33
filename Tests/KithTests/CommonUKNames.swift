/// A hundred common first names and a hundred common surnames of England and Wales (after the
/// ONS's baby-name and surname frequency lists), chosen to include names that are also ordinary
/// words (Grace, Hope, Will, May, Rose, Green, White, Wood, Hill, Young, Long, Bell): their
/// hundred by hundred pairs are 10,000 distinct names, for measuring the leak gate's false
/// positives on a study of common names.
enum CommonUKNames {
  static let first = [
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Muhammad", "Thomas", "Oscar",
    "William", "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac",
    "Alexander", "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Mohammed",
    "Logan", "Will", "Mark", "Robin", "Dylan", "Ryan", "Adam", "Owen", "Lewis", "Rhys", "Callum",
    "Reuben", "Ali", "Omar", "Kai", "Jay", "Dean", "Ben", "Sam", "Tom", "Luke", "Olivia", "Amelia",
    "Isla", "Ava", "Emily", "Isabella", "Mia", "Poppy", "Ella", "Lily", "Evie", "Grace", "Sophia",
    "Ruby", "Hope", "May", "Rose", "Faith", "Joy", "Holly", "Daisy", "Ivy", "Hazel", "Amber",
    "Summer", "Autumn", "Willow", "Florence", "Freya", "Chloe", "Jessica", "Sophie", "Charlotte",
    "Harper", "Erin", "Megan", "Hannah", "Lucy", "Ellie", "Zara", "Aisha", "Fatima", "Priya",
    "Niamh", "Sian", "Nadia", "Leah", "Zoe", "Maya", "Eve",
  ]

  static let last = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes",
    "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin",
    "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison",
    "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price",
    "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey",
    "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall",
    "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman",
    "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews",
    "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell",
    "Barker", "Fisher", "Stevens", "Jenkins", "Long", "Rose", "Walsh",
  ]
}
