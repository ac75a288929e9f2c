/// File names for per-agent coaching files (`--out DIR`): `Ana López` → `ana-lopez`.
public enum AgentFileName {
    /// One distinct base name (no extension) per agent. Names that come out the same get `-2`,
    /// `-3`, … in the order given (sorted agents, so the numbering is stable), and `index` is
    /// never used, since the team lead's index takes it.
    public static func names(for agents: [String]) -> [String: String] {
        var taken: Set<String> = ["index"]
        var names: [String: String] = [:]
        for agent in agents {
            let base = slug(agent)
            var candidate = base
            var number = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(number)"
                number += 1
            }
            taken.insert(candidate)
            names[agent] = candidate
        }
        return names
    }

    /// Lowercase letters and digits, common Latin accents folded (`é` → `e`, `ß` → `ss`),
    /// everything else a single `-`; `agent` when nothing is left.
    public static func slug(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for character in name.lowercased() {
            let folded = fold(character)
            if let folded {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out += folded
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "agent" : out
    }

    /// The ASCII spelling of a lowercase letter or digit; `nil` for anything that separates words.
    private static func fold(_ character: Character) -> String? {
        if character.isASCII { return character.isLetter || character.isNumber ? String(character) : nil }
        for (ascii, accented) in foldings where accented.contains(character) { return ascii }
        // Letters of other scripts are kept as they are: file systems take UTF-8 names.
        return character.isLetter || character.isNumber ? String(character) : nil
    }

    private static let foldings: [(String, String)] = [
        ("a", "àáâãäåāăą"), ("ae", "æ"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"),
        ("g", "ĝğġģ"), ("h", "ĥħ"), ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"),
        ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"), ("oe", "œ"), ("r", "ŕŗř"), ("s", "śŝşšș"), ("ss", "ß"),
        ("t", "ţťŧț"), ("th", "þ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
    ]
}
