extension RunSummary {
  /// The summary with every text that holds an identifying value (an input file named after a
  /// person, a notice quoting a name) scrubbed, so that nothing identifying reaches the
  /// terminal, `--json` or the run log; a text still identifying after scrubbing is withheld.
  func redacted(by gate: LeakGate, scrubber: TextScrubber) -> RunSummary {
    func clean(_ text: String) -> String {
      guard gate.classify(text) != nil else { return text }
      let scrubbed = scrubber.scrub(text)
      return gate.classify(scrubbed) == nil ? scrubbed : "[withheld: it identifies someone]"
    }
    var summary = self
    summary.study = clean(study)
    summary.notices = notices.map(clean)
    for index in summary.inputs.indices {
      summary.inputs[index].path = clean(inputs[index].path)
      summary.inputs[index].notices = inputs[index].notices.map(clean)
      summary.inputs[index].droppedColumns = inputs[index].droppedColumns.map(clean)
      for answer in summary.inputs[index].unrecognisedAnswers.indices {
        summary.inputs[index].unrecognisedAnswers[answer].text = clean(
          inputs[index].unrecognisedAnswers[answer].text)
        summary.inputs[index].unrecognisedAnswers[answer].column = clean(
          inputs[index].unrecognisedAnswers[answer].column)
      }
      for column in summary.inputs[index].columns.indices {
        summary.inputs[index].columns[column].column = clean(
          inputs[index].columns[column].column)
      }
    }
    return summary
  }
}
