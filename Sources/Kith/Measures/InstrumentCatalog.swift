/// The instruments Kith scores.
public enum InstrumentCatalog {
  /// Every instrument, in the order `kith` lists them.
  public static let all: [Instrument] = [wemwbs, ucla3]

  /// The instrument with `id`, if Kith has it.
  public static func instrument(_ id: String) -> Instrument? { all.first { $0.id == id } }

  /// The Warwick-Edinburgh Mental Wellbeing Scale: 14 positively worded items coded 1–5, summed
  /// to 14–70 on complete responses (Warwick publishes no prorating rule).
  public static let wemwbs = Instrument(
    id: "wemwbs", name: "Warwick-Edinburgh Mental Wellbeing Scale", version: "1",
    citation: "Tennant R, et al. (2007) Health Qual Life Outcomes 5:63; warwick.ac.uk/wemwbs",
    itemCount: 14, itemPattern: "WEMWBS_{n}", codes: 1...5,
    labels: [
      "none of the time": 1, "rarely": 2, "some of the time": 3, "often": 4, "all of the time": 5,
    ],
    higherIsBetter: true)

  /// The UCLA 3-item Loneliness Scale: items coded 1 (hardly ever) – 3 (often), summed to 3–9 on
  /// complete responses; higher is lonelier.
  public static let ucla3 = Instrument(
    id: "ucla3", name: "UCLA 3-item Loneliness Scale", version: "1",
    citation: "Hughes ME, et al. (2004) Res Aging 26(6):655–672; ONS loneliness measures (2018)",
    itemCount: 3, itemPattern: "UCLA_{n}", codes: 1...3,
    labels: [
      "hardly ever": 1, "hardly ever or never": 1, "some of the time": 2, "often": 3,
    ],
    higherIsBetter: false)
}
