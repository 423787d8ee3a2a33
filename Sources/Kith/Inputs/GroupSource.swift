/// Where a register row's group comes from: a column of the export, or the one group the
/// pipeline names for every row (`group: {name: Riverside}`) when the export has no such column.
struct GroupSource {
  /// The group column's index (`-1` for a fixed group, whose rows never read it).
  let index: Int
  /// The column's name, or the fixed group's.
  let name: String
  /// The fixed group's interned id.
  let fixed: Int32?

  /// The group of `input`, its column bound through `binder`.
  ///
  /// - Throws: ``PipelineErrors`` when the input names neither a column nor a group.
  init(input: InputSpec, binder: inout ColumnBinder, spec: PipelineSpec, data: StudyData) throws {
    if let name = input.fixedGroup {
      (index, self.name, fixed) = (-1, name, data.groups.id(name))
    } else if let column = input.group {
      (index, name, fixed) = (try binder.index(of: column), column.value, nil)
    } else {
      throw spec.error(
        "register `\(input.name)` needs `group`: a column (`group: Group`) or one group for "
          + "every row (`group: {name: Riverside}`)", at: input.pathLocation)
    }
  }
}
