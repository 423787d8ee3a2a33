import Foundation

/// The pipeline's `report: {title, template, logo}`: how the study's report looks.
public struct ReportSettings: Sendable, Equatable {
  /// The page's heading; the study's name when `nil`.
  public var title: String?
  /// A Mustache template of the study's own, instead of the one shipped with Kith.
  public var template: URL?
  /// An image (PNG, JPEG or SVG) shown beside the title, embedded in the page.
  public var logo: URL?

  /// The settings Kith uses when the pipeline names none.
  public init(title: String? = nil, template: URL? = nil, logo: URL? = nil) {
    (self.title, self.template, self.logo) = (title, template, logo)
  }
}

extension PipelineLoader {
  /// `report: {title, template, logo}`, the files resolved against the pipeline's folder and
  /// required to exist.
  static func reportSettings(_ node: SpecNode?, directory: URL) throws -> ReportSettings {
    guard let node else { return ReportSettings() }
    let fields = try node.fields(allowed: ["title", "template", "logo"])
    var settings = ReportSettings(title: try fields["title"]?.string().value)
    for key in ["template", "logo"] {
      guard let field = fields[key] else { continue }
      let name = try field.string()
      let url = resolve(name.value, in: directory)
      guard FileManager.default.isReadableFile(atPath: url.path) else {
        throw field.context.error(
          "`report.\(key)` names \(name.value), which is not a readable file",
          at: name.location,
          hint: "paths are relative to the pipeline file's folder")
      }
      if key == "template" {
        settings.template = url
      } else {
        guard ["png", "jpg", "jpeg", "svg"].contains(url.pathExtension.lowercased()) else {
          throw field.context.error(
            "`report.logo` must be a PNG, JPEG or SVG image, found \(name.value)",
            at: name.location, hint: "save the logo as .png, .jpg or .svg")
        }
        settings.logo = url
      }
    }
    return settings
  }
}
