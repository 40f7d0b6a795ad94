import VerdeelCore
import VerdeelLanguage

/// libFuzzer entry point for the scenario front end: any bytes are read as a scenario file
/// (including a second file, `other.verdeel`, made of the same bytes), parsed, checked and
/// lowered; a file without errors is formatted, and the formatted text must parse without
/// errors and format to itself. A crash, a hang or a broken round trip is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let compilation = ScenarioLoader.compile(path: "fuzz.verdeel") { path in
        path == "fuzz.verdeel" || path == "other.verdeel" ? bytes : nil
    }
    _ = compilation.diagnostics.map(\.rendered)
    guard case .success(let text) = UTF8Text.decode(bytes) else { return 0 }
    let (document, diagnostics) = Parser.parse(SourceFile(name: "fuzz.verdeel", text: text))
    guard diagnostics.isEmpty else { return 0 }
    let formatted = Formatter.format(document)
    let (again, problems) = Parser.parse(SourceFile(name: "formatted.verdeel", text: formatted))
    precondition(problems.isEmpty, "the formatted text does not parse: \(problems.map(\.rendered))")
    precondition(Formatter.format(again) == formatted, "formatting is not idempotent")
    return 0
}
