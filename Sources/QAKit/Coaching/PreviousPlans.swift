#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A goal from an earlier `coach --format json` run, to be judged on the new period.
public struct PreviousGoal: Sendable, Hashable {
    /// The agent the earlier plan was for.
    public var agent: String
    /// The scorecard id; `nil` in plans that do not name one (the criterion is then looked up).
    public var scorecard: String?
    /// `nil` for an overall-score goal.
    public var criterion: String?
    /// The earlier baseline, unrounded as JSON wrote it.
    public var baseline: Double
    /// The earlier target.
    public var target: Double
    /// The earlier due date, as written.
    public var due: String?
    /// The KPI of a KPI goal (`kpi` in the plan), and whether it was a minimum or a maximum.
    public var kpi: KPIMeasure? = nil
    public var kpiBound: KPITarget.Bound? = nil

    /// An earlier goal.
    public init(agent: String, scorecard: String?, criterion: String?, baseline: Double, target: Double, due: String? = nil) {
        self.agent = agent
        self.scorecard = scorecard
        self.criterion = criterion
        self.baseline = baseline
        self.target = target
        self.due = due
    }
}

/// Reads the plans of an earlier run (`--previous DIR`) with the project's own JSON parser.
public enum PreviousPlans {
    /// Why a previous plan could not be used; names the file.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        /// The file that could not be used.
        public var file: String
        /// What is wrong with it.
        public var message: String
        /// `file: error: message`, as the CLI prints it.
        public var description: String { "\(file): error: \(message)" }
    }

    /// Plan files larger than this are not plans (a 2,000-agent run writes about 10 KiB per agent).
    static let sizeLimit = 64 << 20

    /// Every goal in the `*.json` files of `path` (a directory, or one file), in file-name order.
    /// `index.json` (the team lead's index) is skipped; other files are ignored.
    public static func read(path: String) throws(ReadError) -> [PreviousGoal] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ReadError(file: path, message: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { return try parse(contentsOf: path) }
        guard let directory = opendir(path) else { throw ReadError(file: path, message: String(cString: strerror(errno))) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".json"), name != "index.json", !name.hasPrefix(".") { names.append(name) }
        }
        closedir(directory)
        guard !names.isEmpty else {
            throw ReadError(file: path, message: "no coaching plans (*.json files from 'qakit coach --format json') in this directory")
        }
        var goals: [PreviousGoal] = []
        for name in names.sorted() {
            goals += try parse(contentsOf: path.hasSuffix("/") ? path + name : path + "/" + name)
        }
        return goals
    }

    static func parse(contentsOf file: String) throws(ReadError) -> [PreviousGoal] {
        switch FileSystem.read(file, limit: sizeLimit) {
        case .failure(let failure): throw ReadError(file: file, message: failure.reason)
        case .success(let bytes):
            guard bytes.count <= sizeLimit else { throw ReadError(file: file, message: "larger than 64 MiB; not a coaching plan") }
            return try parse(bytes, file: file)
        }
    }

    /// The goals of one plan file: a JSON array of agent plans, or a single plan object.
    public static func parse(_ bytes: [UInt8], file: String) throws(ReadError) -> [PreviousGoal] {
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw ReadError(file: file, message: "not valid JSON (\(error)); expected the output of 'qakit coach --format json'")
        }
        let plans: [JSONValue]
        if case .array(let items) = value { plans = items } else { plans = [value] }
        var goals: [PreviousGoal] = []
        for (index, plan) in plans.enumerated() {
            let place = plans.count == 1 ? "" : " (plan \(index + 1))"
            guard case .string(let agent)? = plan["agent"] else {
                throw ReadError(file: file, message: "not a coaching plan\(place): expected an object with 'agent' and 'action_plan'")
            }
            guard case .array(let list)? = plan["action_plan"]?["goals"] else {
                throw ReadError(file: file, message: "not a coaching plan\(place): 'action_plan.goals' is missing")
            }
            for (number, item) in list.enumerated() {
                goals.append(try goal(item, agent: agent, file: file, place: "\(place.isEmpty ? "" : place + ",") goal \(number + 1)"))
            }
        }
        return goals
    }

    private static func goal(_ item: JSONValue, agent: String, file: String, place: String) throws(ReadError) -> PreviousGoal {
        guard let baseline = number(item["baseline"]), let target = number(item["target"]) else {
            throw ReadError(file: file, message: "not a coaching plan:\(place) needs numeric 'baseline' and 'target'")
        }
        let criterion: String?
        switch item["criterion"] {
        case .string(let id)?: criterion = id
        case .null?, nil: criterion = nil
        default: throw ReadError(file: file, message: "not a coaching plan:\(place) 'criterion' must be a string or null")
        }
        var goal = PreviousGoal(
            agent: agent, scorecard: string(item["scorecard"]), criterion: criterion,
            baseline: baseline, target: target, due: string(item["due"])
        )
        if let name = string(item["kpi"]) {
            guard let kpi = KPIMeasure(rawValue: name) else {
                throw ReadError(file: file, message: "not a coaching plan:\(place) unknown 'kpi' '\(name)'"
                    + Suggestion.hint(for: name, among: KPIMeasure.allCases.map(\.rawValue)))
            }
            guard let bound = string(item["bound"]).flatMap(KPITarget.Bound.init(rawValue:)) else {
                throw ReadError(file: file, message: "not a coaching plan:\(place) a KPI goal needs 'bound' min or max")
            }
            goal.kpi = kpi
            goal.kpiBound = bound
        }
        return goal
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// A JSON number read as a double (goal figures are written unrounded as doubles).
    private static func number(_ value: JSONValue?) -> Double? {
        guard case .number(let text)? = value, let number = Double(text), number.isFinite else { return nil }
        return number
    }
}
