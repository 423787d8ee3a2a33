/// The release's own words: what Kith itself writes, as opposed to values from the inputs.
///
/// Headers, descriptions, table titles and notes, instrument names, labels and sources, wave
/// names. A name token that is one of these words is not a leak-gate finding on its own (a
/// participant called Price does not stop a table headed "price"); as part of a whole name it
/// still is, and the free-text scrubber removes it everywhere.
enum ReleaseVocabulary {
  /// The words of a release of `tables`, whose study tables' own words are `studyTables`.
  static func words(spec: PipelineSpec, tables: [Table], studyTables: [String]) -> [String] {
    let kept = Set(
      spec.inputs.flatMap(\.keep).flatMap { [$0.value, ColumnName.snakeCase($0.value)] })
    var words = studyTables + spec.waves + spec.inputs.map(\.name)
    words.append(spec.disclosure.summary)
    for table in tables where table.schema == nil {
      let schema = DataDictionary.schema(path: table.path, header: table.header, spec: spec)
      for field in schema.fields where !kept.contains(field.name) {
        words += [field.name, field.description]
      }
    }
    for instrument in spec.instruments.map(\.value) {
      words += [instrument.id, instrument.name]
      words += instrument.answers.labels.keys
      words += instrument.answers.wordings.flatMap { [$0.source.text] + $0.labels.keys }
      for scale in instrument.scales {
        words += [scale.id, scale.name] + scale.bands.map(\.label)
        if let cutoff = scale.cutoff { words += [cutoff.label, cutoff.source.text] }
        if let change = scale.reliableChange { words += [change.source.text, change.sample] }
      }
    }
    return words
  }
}
