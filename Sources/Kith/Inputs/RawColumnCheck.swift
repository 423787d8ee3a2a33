/// The check, once every input is read, that no kept or free-text column holds values that look
/// like a quasi-identifier (``QuasiIdentifierLook/byContent(_:)``) unless the pipeline gives
/// the reason under `keep_raw:`; its header was checked when the pipeline was loaded.
enum RawColumnCheck {
  /// - Throws: ``PipelineErrors`` naming every such column, at its line in the pipeline.
  static func check(spec: PipelineSpec, data: StudyData) throws {
    var errors: [PipelineError] = []
    for input in spec.inputs {
      for column in input.keep where input.keepRaw[column.value] == nil {
        let values = data.attributes.values.lazy.compactMap { $0[column.value] }
        if let look = QuasiIdentifierLook.byContent(values) {
          errors.append(error(spec, column, role: "keep", look: look))
        }
      }
      for column in input.freeText where input.keepRaw[column.value] == nil {
        let values = data.freeText.lazy.filter {
          $0.source == input.name && $0.column == column.value
        }.map(\.text)
        if let look = QuasiIdentifierLook.byContent(values) {
          errors.append(error(spec, column, role: "free_text", look: look))
        }
      }
    }
    guard errors.isEmpty else { throw PipelineErrors(errors) }
  }

  private static func error(
    _ spec: PipelineSpec, _ column: Located<String>, role: String,
    look: QuasiIdentifierLook.Kind
  ) -> PipelineError {
    spec.error(
      "`\(column.value)` holds values that look like \(look.rawValue) (at least half of them), "
        + "a quasi-identifier that could single a person out, yet `\(role)` would release them "
        + "as they are", at: column.location, hint: PipelineLoader.keepRawHint(column.value))
  }
}
