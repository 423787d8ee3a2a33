/// The released qualitative data: `themes.csv` (who was coded with which theme and code, how
/// often) and, where the pipeline allows quotes, `quotes.csv` — scrubbed, shortened, pid only.
struct ThemeRelease {
  /// Who was coded with which theme and code.
  let themes: [MeasuredStudy.CodedTheme]
  /// The coded segments with their text, for quotes.
  let segments: [CodedSegment]
  /// Scrubs quotes.
  let scrubber: TextScrubber

  /// `data/themes.csv`: `pid, theme, code, segments`, linked segments only, sorted.
  var themesTable: Table {
    var counts: [ThemeKey: Int] = [:]
    for segment in themes {
      guard let pid = segment.pid else { continue }
      counts[ThemeKey(pid: pid, theme: segment.theme, code: segment.code), default: 0] +=
        segment.count
    }
    let rows = counts.sorted {
      ($0.key.pid, $0.key.theme, $0.key.code) < ($1.key.pid, $1.key.theme, $1.key.code)
    }
    .map { [$0.key.pid, $0.key.theme, $0.key.code, String($0.value)] }
    return Table(
      path: ReleaseDataFile.themes.path, header: ["pid", "theme", "code", "segments"], rows: rows)
  }

  /// `data/quotes.csv`: `pid, theme, code, quote` for exports that release quotes; `nil` when
  /// none does.
  var quotes: Table? {
    guard segments.contains(where: \.quotes) else { return nil }
    let rows = segments.compactMap { segment -> [String]? in
      guard segment.quotes, let pid = segment.pid else { return nil }
      let text = segment.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      guard !text.isEmpty else { return nil }
      return [
        pid, segment.theme, segment.code,
        Self.shorten(scrubber.scrub(text), to: segment.quoteMaxLength),
      ]
    }.sorted { $0.lexicographicallyPrecedes($1) }
    return Table(
      path: ReleaseDataFile.quotes.path, header: ["pid", "theme", "code", "quote"], rows: rows)
  }

  /// `text` cut at a word boundary to at most `limit` characters, marked with `…`.
  static func shorten(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    var cut = String(text.prefix(limit - 1))
    if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2
    {
      cut = String(cut[..<space])
    }
    return cut + "…"
  }

  private struct ThemeKey: Hashable {
    var pid: String
    var theme: String
    var code: String
  }
}
