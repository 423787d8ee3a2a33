/// The stages of a pipeline and the parts each depends on.
enum StagePlan {
  /// The stages of `spec`, given each input's content digest (by input name) and the key's
  /// fingerprint.
  static func stages(spec: PipelineSpec, inputDigests: [String: String], key: String?) -> [Stage] {
    func setting(_ names: [String]) -> [String: String] {
      Dictionary(
        uniqueKeysWithValues: names.map { ("setting `\($0)`", spec.settingDigests[$0] ?? "") })
    }
    var common = ["Kith version": KithVersion.current]
    if let key { common["key"] = key }
    var stages: [Stage] = []
    let linked = spec.linksIdentifiers
    for input in spec.inputs {
      // Survey reading codes answers by the instruments, assigns waves and settles a second
      // response by the duplicates policy; every reading makes pids of the pid kind.
      let settings =
        input.kind == .survey
        ? ["waves", "instruments", "duplicates", "pid", "period"] : ["pid", "period"]
      var parts = common.merging(setting(settings)) { $1 }
      parts["input file \(input.displayPath)"] = inputDigests[input.name] ?? ""
      for file in spec.trackedFiles where file.name.hasPrefix(input.name + ":") {
        parts["input file \(file.displayPath)"] = inputDigests[file.name] ?? ""
      }
      // Linked identifiers: a person's pid may come from a link another input holds.
      for other in spec.inputs where linked {
        parts["input file \(other.displayPath)"] = inputDigests[other.name] ?? ""
      }
      parts["section inputs.\(input.name)"] = input.digest
      stages.append(Stage(name: "read:\(input.name)", parts: parts, uses: []))
    }
    for coding in spec.codings {
      var parts = common.merging(setting(["pid"])) { $1 }
      for file in spec.trackedFiles
      where file.name == coding.name || file.name.hasPrefix(coding.name + ":") {
        parts["input file \(file.displayPath)"] = inputDigests[file.name] ?? ""
      }
      parts["section qualitative.\(coding.name)"] = coding.digest
      stages.append(Stage(name: "read:\(coding.name)", parts: parts, uses: []))
    }
    let surveys = spec.inputs.filter { $0.kind == .survey }.map { "read:\($0.name)" }
    let registers = spec.inputs.filter { $0.kind == .register }.map { "read:\($0.name)" }
    stages.append(
      Stage(
        name: "scores", parts: common.merging(setting(["instruments", "waves"])) { $1 },
        uses: surveys))
    stages.append(
      Stage(
        name: "attendance", parts: common.merging(setting(["attendance", "dates"])) { $1 },
        uses: registers))
    // The release reads every top-level setting, so it depends on each one: a key added to the
    // pipeline format is tracked without being listed here. Inputs and codings are sections of
    // the reading stages, and the key is part of every stage.
    let releaseSettings = PipelineLoader.topKeys.filter {
      !["inputs", "qualitative", "key"].contains($0)
    }
    stages.append(
      Stage(
        name: "release", parts: common.merging(setting(releaseSettings)) { $1 },
        uses: ["scores", "attendance"] + spec.inputs.map { "read:\($0.name)" }
          + spec.codings.map { "read:\($0.name)" }))
    return stages
  }

  /// Each stage's status against the parts recorded at the last successful run.
  static func status(of stages: [Stage], recorded: [String: [String: String]]?) -> [StageStatus] {
    var result: [StageStatus] = []
    var stale: Set<String> = []
    for stage in stages {
      var reasons: [String] = []
      if let before = recorded?[stage.name] {
        for (label, digest) in stage.parts.sorted(by: { $0.key < $1.key })
        where before[label] != digest {
          reasons.append(Self.reason(label))
        }
        for label in before.keys.sorted() where stage.parts[label] == nil {
          reasons.append(Self.reason(label))
        }
      } else {
        reasons.append("no earlier run recorded")
      }
      let staleUses = stage.uses.filter(stale.contains)
      if !staleUses.isEmpty {
        reasons.append("uses " + staleUses.joined(separator: ", ") + ", which must run again")
      }
      if !reasons.isEmpty { stale.insert(stage.name) }
      result.append(StageStatus(name: stage.name, reasons: reasons))
    }
    return result
  }

  /// `survey_baseline.csv changed`, `setting `instruments` changed`, `Kith version changed`.
  private static func reason(_ label: String) -> String {
    if label.hasPrefix("input file ") {
      let path = label.dropFirst("input file ".count)
      return "\(path.split(separator: "/").last ?? path) changed"
    }
    if label.hasPrefix("section ") { return "pipeline section `\(label.dropFirst(8))` changed" }
    if label.hasPrefix("setting ") { return "pipeline \(label) changed" }
    return "\(label) changed"
  }
}
