import CReadStat
import Foundation

/// SPSS (`.sav`) and Stata (`.dta`, format 118) files through ReadStat.
///
/// ReadStat is the C library behind R's haven and Python's pyreadstat. This writes a
/// ``LabelledTable`` and reads any such file back (for the leak gate and the tests). Every
/// call into ReadStat is in this file.
enum ReadStatFile {
  /// The two formats.
  enum Format: String {
    case sav, dta

    var names: VariableNames.Format { self == .sav ? .spss : .stata }
  }

  /// Days from SPSS's origin (1582-10-14) to 1970-01-01, and from Stata's (1960-01-01).
  static let spssEpochDays = 141_428
  static let stataEpochDays = 3_653

  // MARK: - Writing

  /// The bytes of `table` in `format`, created at `timestamp` (seconds since 1970: a date from
  /// the inputs, never the clock, so that a rerun writes the same bytes).
  ///
  /// - Throws: ``DataError`` when ReadStat refuses a value or a name.
  static func write(_ table: LabelledTable, format: Format, timestamp: Int) throws -> Data {
    let sink = Sink()
    guard let writer = readstat_writer_init() else { throw failure("cannot start", format) }
    defer { readstat_writer_free(writer) }
    readstat_set_data_writer(writer) { bytes, count, context in
      guard let bytes, let context else { return -1 }
      Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue().data.append(
        bytes.assumingMemoryBound(to: UInt8.self), count: count)
      return count
    }
    try check(readstat_writer_set_file_label(writer, truncated(table.label, 80)), format)
    try check(readstat_writer_set_file_timestamp(writer, time_t(timestamp)), format)
    if format == .dta { try check(readstat_writer_set_file_format_version(writer, 118), format) }
    let names = VariableNames.names(table.variables.map(\.column), format: format.names)
    var variables: [UnsafeMutablePointer<readstat_variable_t>?] = []
    var strls: [Int: Bool] = [:]
    for (index, variable) in table.variables.enumerated() {
      let (type, width) = storage(variable.kind, format: format)
      strls[index] = type == READSTAT_TYPE_STRING_REF
      let handle = readstat_add_variable(writer, names[index], type, width)
      readstat_variable_set_label(handle, truncated(variable.label, 80))
      try describe(handle, variable, index: index, format: format, writer: writer)
      variables.append(handle)
    }
    let context = Unmanaged.passUnretained(sink).toOpaque()
    try check(
      format == .sav
        ? readstat_begin_writing_sav(writer, context, table.rows.count)
        : readstat_begin_writing_dta(writer, context, table.rows.count), format)
    for row in table.rows {
      try check(readstat_begin_row(writer), format)
      for (index, cell) in row.enumerated() {
        let variable = variables[index]
        let kind = table.variables[index].kind
        switch cell {
        case .number(let value):
          try check(
            kind == .coded
              ? readstat_insert_int32_value(writer, variable, Int32(value))
              : readstat_insert_double_value(writer, variable, value), format)
        case .day(let day):
          try check(readstat_insert_double_value(writer, variable, dateValue(day, format)), format)
        case .text(let text):
          if strls[index] == true {
            let reference = readstat_add_string_ref(writer, text)
            try check(readstat_insert_string_ref(writer, variable, reference), format)
          } else {
            try check(readstat_insert_string_value(writer, variable, text), format)
          }
        case .missing(let missing):
          if format == .dta {
            try check(
              readstat_insert_tagged_missing_value(
                writer, variable, CChar(missing.rawValue.asciiValue ?? 97)), format)
          } else if kind == .date {
            // A code in a date column would read as a day of 1582 in most tools: SPSS's own
            // system-missing value instead (a date is never withheld: k-anonymity generalises
            // text columns).
            try check(readstat_insert_missing_value(writer, variable), format)
          } else if kind == .coded {
            try check(
              readstat_insert_int32_value(writer, variable, Int32(missing.spssCode)), format)
          } else {
            try check(readstat_insert_double_value(writer, variable, missing.spssCode), format)
          }
        }
      }
      try check(readstat_end_row(writer), format)
    }
    try check(readstat_end_writing(writer), format)
    return sink.data
  }

  /// The ReadStat type and width of a variable of `kind`.
  private static func storage(_ kind: LabelledTable.Kind, format: Format) -> (
    readstat_type_t, Int
  ) {
    switch kind {
    case .coded: (READSTAT_TYPE_INT32, 0)
    case .number, .date: (READSTAT_TYPE_DOUBLE, 0)
    case .text(let width):
      // Stata 118 holds strings of up to 2045 bytes in a column; longer ones as strL.
      format == .dta && width > 2045 ? (READSTAT_TYPE_STRING_REF, 0) : (READSTAT_TYPE_STRING, width)
    }
  }

  /// A variable's display format, value labels and declared missing values.
  private static func describe(
    _ handle: UnsafeMutablePointer<readstat_variable_t>?, _ variable: LabelledTable.Variable,
    index: Int, format: Format, writer: UnsafeMutablePointer<readstat_writer_t>
  ) throws {
    switch variable.kind {
    case .number(let decimals):
      readstat_variable_set_format(
        handle, format == .sav ? "F12.\(min(decimals, 9))" : "%12.\(min(decimals, 9))f")
      if format == .sav {
        let labels = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, "missing\(index)")
        for missing in LabelledTable.Missing.allCases {
          readstat_label_double_value(labels, missing.spssCode, missing.label)
          try check(readstat_variable_add_missing_double_value(handle, missing.spssCode), format)
        }
        readstat_variable_set_label_set(handle, labels)
      }
    case .date:
      readstat_variable_set_format(handle, format == .sav ? "DATE11" : "%td")
    case .coded:
      let labels = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "labels\(index)")
      for value in variable.valueLabels {
        readstat_label_int32_value(labels, Int32(value.code), value.label)
      }
      for missing in LabelledTable.Missing.allCases {
        if format == .sav {
          readstat_label_int32_value(labels, Int32(missing.spssCode), missing.label)
          try check(readstat_variable_add_missing_double_value(handle, missing.spssCode), format)
        } else {
          readstat_label_tagged_value(
            labels, CChar(missing.rawValue.asciiValue ?? 97), missing.label)
        }
      }
      readstat_variable_set_label_set(handle, labels)
    case .text(let width):
      if format == .dta && width <= 2045 { readstat_variable_set_format(handle, "%-\(width)s") }
      if format == .sav {
        // ReadStat keeps the pointer, not a copy: the text lives as long as the program.
        try check(readstat_variable_add_missing_string_value(handle, suppressedText), format)
      }
    }
  }

  /// A day as the format stores a date: SPSS seconds since 1582-10-14, Stata days since
  /// 1960-01-01.
  static func dateValue(_ day: Int, _ format: Format) -> Double {
    format == .sav ? Double(day + spssEpochDays) * 86_400 : Double(day + stataEpochDays)
  }

  // MARK: - Reading

  /// A file as ReadStat reads it: what R's haven and pyreadstat see.
  struct Contents: Equatable {
    var label: String
    var encoding: String
    /// Seconds since 1970 the file says it was created.
    var created: Int
    var variables: [Variable]
    /// Each label set by name: value (as text: `1`, `-999999`, `.a`) → label.
    var labelSets: [String: [String: String]]
    var rows: [[Value]]

    struct Variable: Equatable {
      var name: String
      var label: String
      var format: String
      var labelSet: String
      /// Declared missing values (SPSS), as text.
      var missing: [String]
    }
  }

  /// A value as read.
  enum Value: Equatable {
    case number(Double)
    case text(String)
    /// Stata's `.a`, `.b`, …
    case tagged(Character)
    /// A value the file declares missing (SPSS user-missing): the value itself.
    case declared(Double)
    /// Stata's `.`, SPSS's system-missing.
    case system
  }

  /// Reads `data`, a `.sav` or `.dta` file.
  ///
  /// - Throws: ``DataError`` naming `path` when ReadStat cannot read it.
  static func read(_ data: Data, format: Format, path: String) throws -> Contents {
    guard let parser = readstat_parser_init() else { throw failure("cannot start", format) }
    defer { readstat_parser_free(parser) }
    let source = Source(data)
    let reading = Reading()
    readstat_set_io_ctx(parser, Unmanaged.passUnretained(source).toOpaque())
    readstat_set_open_handler(parser) { _, _ in 0 }
    readstat_set_close_handler(parser) { _ in 0 }
    readstat_set_update_handler(parser) { _, _, _, _ in READSTAT_OK }
    readstat_set_seek_handler(parser) { offset, whence, context in
      guard let context else { return -1 }
      let source = Unmanaged<Source>.fromOpaque(context).takeUnretainedValue()
      let base =
        whence == READSTAT_SEEK_SET
        ? 0 : whence == READSTAT_SEEK_CUR ? source.offset : source.data.count
      let target = base + Int(offset)
      guard target >= 0, target <= source.data.count else { return -1 }
      source.offset = target
      return readstat_off_t(target)
    }
    readstat_set_read_handler(parser) { buffer, count, context in
      guard let context else { return -1 }
      let source = Unmanaged<Source>.fromOpaque(context).takeUnretainedValue()
      let available = min(count, source.data.count - source.offset)
      guard available > 0, let buffer else { return 0 }
      source.data.copyBytes(
        to: buffer.assumingMemoryBound(to: UInt8.self),
        from: source.offset..<(source.offset + available))
      source.offset += available
      return available
    }
    readstat_set_metadata_handler(parser) { metadata, context in
      guard let context else { return 1 }
      let reading = Unmanaged<Reading>.fromOpaque(context).takeUnretainedValue()
      reading.contents.label = readstat_get_file_label(metadata).map { String(cString: $0) } ?? ""
      reading.contents.encoding =
        readstat_get_file_encoding(metadata).map { String(cString: $0) } ?? ""
      reading.contents.created = Int(readstat_get_creation_time(metadata))
      return 0
    }
    readstat_set_variable_handler(parser) { _, variable, labels, context in
      guard let context else { return 1 }
      let reading = Unmanaged<Reading>.fromOpaque(context).takeUnretainedValue()
      let text = { (pointer: UnsafePointer<CChar>?) in pointer.map { String(cString: $0) } ?? "" }
      var missing: [String] = []
      for index in 0..<readstat_variable_get_missing_ranges_count(variable) {
        missing.append(
          ReadStatFile.describe(readstat_variable_get_missing_range_lo(variable, index)))
      }
      reading.contents.variables.append(
        Contents.Variable(
          name: text(readstat_variable_get_name(variable)),
          label: text(readstat_variable_get_label(variable)),
          format: text(readstat_variable_get_format(variable)), labelSet: text(labels),
          missing: missing))
      return 0
    }
    readstat_set_value_label_handler(parser) { set, value, label, context in
      guard let context else { return 1 }
      let reading = Unmanaged<Reading>.fromOpaque(context).takeUnretainedValue()
      let name = set.map { String(cString: $0) } ?? ""
      reading.contents.labelSets[name, default: [:]][ReadStatFile.describe(value)] =
        label.map { String(cString: $0) } ?? ""
      return 0
    }
    readstat_set_value_handler(parser) { row, variable, value, context in
      guard let context else { return 1 }
      let reading = Unmanaged<Reading>.fromOpaque(context).takeUnretainedValue()
      while reading.contents.rows.count <= Int(row) { reading.contents.rows.append([]) }
      let read: Value
      if readstat_value_is_tagged_missing(value) != 0 {
        read = .tagged(Character(Unicode.Scalar(UInt8(bitPattern: readstat_value_tag(value)))))
      } else if readstat_value_is_system_missing(value) != 0 {
        read = .system
      } else if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
        read = .text(readstat_string_value(value).map { String(cString: $0) } ?? "")
      } else if readstat_value_is_defined_missing(value, variable) != 0 {
        read = .declared(ReadStatFile.number(value))
      } else {
        read = .number(ReadStatFile.number(value))
      }
      reading.contents.rows[Int(row)].append(read)
      return 0
    }
    let context = Unmanaged.passUnretained(reading).toOpaque()
    let error =
      format == .sav
      ? readstat_parse_sav(parser, path, context) : readstat_parse_dta(parser, path, context)
    guard error == READSTAT_OK else {
      throw DataError(
        "\(path) cannot be read as a .\(format.rawValue) file: ReadStat says "
          + String(cString: readstat_error_message(error)))
    }
    return reading.contents
  }

  /// A numeric value as a double, whatever its storage.
  private static func number(_ value: readstat_value_t) -> Double {
    switch readstat_value_type(value) {
    case READSTAT_TYPE_INT8: Double(readstat_int8_value(value))
    case READSTAT_TYPE_INT16: Double(readstat_int16_value(value))
    case READSTAT_TYPE_INT32: Double(readstat_int32_value(value))
    case READSTAT_TYPE_FLOAT: Double(readstat_float_value(value))
    default: readstat_double_value(value)
    }
  }

  /// A value as text for a label set's key: `1`, `-999999`, `.a`, or the string.
  private static func describe(_ value: readstat_value_t) -> String {
    if readstat_value_is_tagged_missing(value) != 0 {
      return "." + String(Character(Unicode.Scalar(UInt8(bitPattern: readstat_value_tag(value)))))
    }
    if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
      return readstat_string_value(value).map { String(cString: $0) } ?? ""
    }
    let number = number(value)
    return number == number.rounded() && abs(number) < 1e15
      ? String(Int(number)) : String(number)
  }

  /// The bytes being read, and where.
  private final class Source {
    let data: Data
    var offset = 0
    init(_ data: Data) { self.data = data }
  }

  /// What has been read so far.
  private final class Reading {
    var contents = Contents(
      label: "", encoding: "", created: 0, variables: [], labelSets: [:], rows: [])
  }

  /// `text` cut to at most `limit` bytes of UTF-8, at a character's end.
  static func truncated(_ text: String, _ limit: Int) -> String {
    var result = ""
    for character in text {
      guard result.utf8.count + String(character).utf8.count <= limit else { break }
      result.append(character)
    }
    return result
  }

  /// `*` as a C string that outlives every writer (ReadStat keeps pointers to missing strings).
  private static var suppressedText: UnsafePointer<CChar> {
    UnsafeRawPointer(StaticString("*").utf8Start).assumingMemoryBound(to: CChar.self)
  }

  private final class Sink {
    var data = Data()
  }

  private static func check(_ error: readstat_error_t, _ format: Format) throws {
    guard error != READSTAT_OK else { return }
    throw failure(String(cString: readstat_error_message(error)), format)
  }

  private static func failure(_ message: String, _ format: Format) -> DataError {
    DataError("writing the release's .\(format.rawValue) files: ReadStat says \(message)")
  }
}
