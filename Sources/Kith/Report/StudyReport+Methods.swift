/// The report's methods and provenance.
extension StudyReport {

  var methods: ReportSection {
    let provenance = source.provenance
    var section = ReportSection(id: "methods", title: "Methods and provenance")
    section.paragraphs.append(
      "Identifiers (names, emails, phone numbers) never reach this report: each person is known "
        + "by a pseudonym, the keyed hash (HMAC-SHA256) of their identifier under the study's "
        + "key, and free text is scrubbed of names and contact details.")
    section.paragraphs.append(
      "Disclosure control (\(provenance.disclosure.name)): \(provenance.disclosure.summary). Every "
        + "number and chart in this report comes from the study tables after this rule; a bar "
        + "whose count is withheld is not drawn, and says so.")
    if let k = provenance.kAnonymity {
      let generalised = k.generalisation.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
      section.paragraphs.append(
        "Released characteristics are generalised until every combination is shared by at "
          + "least \(k.k) people (k-anonymity)"
          + (generalised.isEmpty ? "." : ": " + generalised.joined(separator: "; ") + "."))
    }
    var instruments: [String] = []
    for id in StudyTableID.allCases.compactMap({ table($0) }).flatMap({ table in
      table.rows.map { table.text($0, "instrument") }
    }) where !id.isEmpty && !instruments.contains(id) {
      instruments.append(id)
    }
    if !instruments.isEmpty {
      section.tables.append(
        (
          "Instruments, as Kith \(provenance.kithVersion) scores them",
          ["Instrument", "Version", "Source", "Missing items"],
          instruments.map { id in
            guard let instrument = try? InstrumentCatalog.instrument(id) else {
              return [id, "", "defined in the study's pipeline", ""]
            }
            return [
              instrument.name, instrument.version, instrument.citation,
              instrument.scales.map { "\($0.name): \($0.missing.words)" }
                .joined(separator: "; "),
            ]
          }
        ))
    }
    section.facts = [
      ("Kith version", provenance.kithVersion),
      ("Pipeline", "\(provenance.pipeline) (SHA-256 \(provenance.pipelineSHA256.prefix(16))…)"),
      ("Key fingerprint", provenance.keyFingerprint),
    ]
    section.tables.append(
      (
        "Inputs read", ["Input", "Rows read", "Rows used", "SHA-256"],
        provenance.inputs.map {
          [
            $0.name, String($0.rowsRead), String($0.rowsAccepted),
            String($0.sha256.prefix(16)) + "…",
          ]
        }
      ))
    return section
  }
}
