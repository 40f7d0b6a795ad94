/// A design or its outputs as SALib reads them (`verdeel sensitivity sample`):
/// whitespace-separated, one row per line, each number as Swift writes a double.
public enum SALibMatrix {
    public static func text(_ values: [Double], columns: Int) -> String {
        guard columns > 0 else { return "" }
        var text = ""
        text.reserveCapacity(values.count * 22)
        for (i, value) in values.enumerated() {
            text += "\(value)"
            text += (i + 1) % columns == 0 ? "\n" : " "
        }
        return text
    }
}
