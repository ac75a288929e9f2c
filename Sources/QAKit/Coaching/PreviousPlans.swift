// Foundation is used here only for JSONSerialization and directory listing: previous plans are
// small files, and the project has no JSON reader of its own on this branch yet.
import Foundation

/// A goal from an earlier `coach --format json` run, to be judged on the new period.
public struct PreviousGoal: Sendable, Hashable {
    public var agent: String
    /// The scorecard id; `nil` in plans that do not name one (the criterion is then looked up).
    public var scorecard: String?
    /// `nil` for an overall-score goal.
    public var criterion: String?
    public var baseline: Double
    public var target: Double
    public var due: String?

    public init(agent: String, scorecard: String?, criterion: String?, baseline: Double, target: Double, due: String? = nil) {
        self.agent = agent
        self.scorecard = scorecard
        self.criterion = criterion
        self.baseline = baseline
        self.target = target
        self.due = due
    }
}

/// Reads the plans of an earlier run (`--previous DIR`).
public enum PreviousPlans {
    /// Why a previous plan could not be used; names the file.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): error: \(message)" }
    }

    /// Every goal in the `*.json` files of `path` (a directory, or one file), in file-name order.
    /// `index.json` (the team lead's index) is skipped; other files are ignored.
    public static func read(path: String) throws(ReadError) -> [PreviousGoal] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(file: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return try parse(contentsOf: path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ReadError(file: path, message: "cannot list the directory")
        }
        let plans = names.filter { $0.hasSuffix(".json") && $0 != "index.json" && !$0.hasPrefix(".") }.sorted()
        guard !plans.isEmpty else {
            throw ReadError(file: path, message: "no coaching plans (*.json from 'qakit coach --format json') in this directory")
        }
        var goals: [PreviousGoal] = []
        for name in plans {
            goals += try parse(contentsOf: path.hasSuffix("/") ? path + name : path + "/" + name)
        }
        return goals
    }

    static func parse(contentsOf file: String) throws(ReadError) -> [PreviousGoal] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ReadError(file: file, message: "cannot read the file")
        }
        return try parse(Array(data), file: file)
    }

    /// The goals of one plan file: a JSON array of agent plans, or a single plan object.
    public static func parse(_ bytes: [UInt8], file: String) throws(ReadError) -> [PreviousGoal] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw ReadError(file: file, message: "not valid JSON; expected the output of 'qakit coach --format json'")
        }
        let plans: [Any] = (value as? [Any]) ?? [value]
        var goals: [PreviousGoal] = []
        for (index, plan) in plans.enumerated() {
            let place = plans.count == 1 ? "" : " (plan \(index + 1))"
            guard let object = plan as? [String: Any], let agent = object["agent"] as? String else {
                throw ReadError(file: file, message: "not a coaching plan\(place): expected an object with 'agent' and 'action_plan'")
            }
            guard let actionPlan = object["action_plan"] as? [String: Any], let list = actionPlan["goals"] as? [Any] else {
                throw ReadError(file: file, message: "not a coaching plan\(place): 'action_plan.goals' is missing")
            }
            for (number, item) in list.enumerated() {
                goals.append(try goal(item, agent: agent, file: file, place: "\(place.isEmpty ? "" : place + ",") goal \(number + 1)"))
            }
        }
        return goals
    }

    private static func goal(_ item: Any, agent: String, file: String, place: String) throws(ReadError) -> PreviousGoal {
        guard let goal = item as? [String: Any], let baseline = number(goal["baseline"]), let target = number(goal["target"]) else {
            throw ReadError(file: file, message: "not a coaching plan:\(place) needs numeric 'baseline' and 'target'")
        }
        let criterion = goal["criterion"] as? String
        guard criterion != nil || goal["criterion"] is NSNull || goal["criterion"] == nil else {
            throw ReadError(file: file, message: "not a coaching plan:\(place) 'criterion' must be a string or null")
        }
        return PreviousGoal(
            agent: agent, scorecard: goal["scorecard"] as? String, criterion: criterion,
            baseline: baseline, target: target, due: goal["due"] as? String
        )
    }

    /// A JSON number (never a Boolean, which Foundation also hands over as a number).
    private static func number(_ value: Any?) -> Double? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        return number.doubleValue.isFinite ? number.doubleValue : nil
    }
}
