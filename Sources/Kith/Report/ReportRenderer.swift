import Foundation
import Mustache

/// Renders a ``StudyReport`` as one self-contained HTML page through a Mustache template: the
/// one shipped with Kith (`Report/Templates/report.mustache`), or the study's own
/// (`report: {template}`), with the study's title and logo.
struct ReportRenderer {
  /// The page's heading; the study's name when `nil`.
  var title: String?
  /// A Mustache template file of the study's own.
  var template: URL?
  /// An image shown beside the title, embedded in the page (PNG, JPEG or SVG).
  var logo: URL?

  /// The file name of the report under `release/`.
  static let fileName = "report.html"

  /// The renderer of a pipeline's `report:` settings.
  init(_ settings: ReportSettings) {
    (title, template, logo) = (settings.title, settings.template, settings.logo)
  }

  /// The words Kith itself writes in the report of `source`, which the leak gate takes as the
  /// release's own.
  ///
  /// The shipped template's page of ``ReportSource/blanked``, without the study's title. A
  /// study's own template, title and values are not among them, so a name there stops the run
  /// like a name anywhere else.
  static func vocabulary(_ source: ReportSource) throws -> String {
    try ReportRenderer(ReportSettings(title: "")).render(source.blanked)
  }

  /// The page for `source`.
  ///
  /// - Throws: ``PipelineError`` naming the template or logo when one cannot be read or parsed.
  func render(_ source: ReportSource) throws -> String {
    let report = StudyReport(source: source, title: title ?? source.study)
    var context: [String: Any] = [
      "title": report.title, "study": source.study,
      "kithVersion": source.provenance.kithVersion, "pipeline": source.provenance.pipeline,
      "keyFingerprint": source.provenance.keyFingerprint,
      "sections": report.sections.map(\.context),
    ]
    if report.title != source.study { context["subtitle"] = source.study }
    if let logo { context["logo"] = try Self.dataURI(logo) }
    return try Self.template(template).render(context)
  }

  /// The template at `url`, else the shipped one.
  private static func template(_ url: URL?) throws -> MustacheTemplate {
    let file =
      url ?? ResourceFolder.named("Templates")?.appendingPathComponent("report.mustache")
    guard let file, let text = try? String(contentsOf: file, encoding: .utf8) else {
      throw PipelineError(
        url == nil
          ? "Kith's report template is missing: the folder `Kith_Kith.resources` must be "
            + "installed beside the `kith` program"
          : "the report template \(url?.path ?? "") cannot be read",
        file: url?.path ?? "kith",
        hint: url == nil ? nil : "name a Mustache file under `report: {template: …}`")
    }
    do {
      return try MustacheTemplate(string: text)
    } catch {
      throw PipelineError(
        "the report template \(file.lastPathComponent) is not a valid Mustache template: \(error)",
        file: file.path)
    }
  }

  /// The image at `url` as a `data:` URI, so that the page fetches nothing.
  private static func dataURI(_ url: URL) throws -> String {
    let types = [
      "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml",
    ]
    guard let type = types[url.pathExtension.lowercased()] else {
      throw PipelineError(
        "the report logo \(url.lastPathComponent) is not a PNG, JPEG or SVG image",
        file: url.path, hint: "save the logo as .png, .jpg or .svg")
    }
    guard let data = try? Data(contentsOf: url) else {
      throw PipelineError("the report logo \(url.path) cannot be read", file: url.path)
    }
    return "data:\(type);base64,\(data.base64EncodedString())"
  }
}
