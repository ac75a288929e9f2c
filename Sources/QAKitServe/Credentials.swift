import Crypto
import Foundation
import QAKit

/// Who may use the server and how they prove it (docs/serve.md, "Signing in"): a Bearer token
/// whose SHA-256 is in the reviewers file, or the session cookie the login page sets for one.
///
/// Secrets are compared in constant time, over every account, so the time taken tells nothing
/// about which bytes or which reviewer matched; neither tokens nor session ids are kept or
/// logged, only their SHA-256.
final class Credentials: @unchecked Sendable {
    /// `nil` without `--reviewers`: nobody signs in, and the reviewer comes from the audit itself.
    let accounts: [ReviewerAccount]?
    private let lock = NSLock()
    /// SHA-256 of each live session id → reviewer name.
    private var sessions: [Data: String] = [:]
    /// The key of the CSRF tokens, new at every start (a restart asks forms to be reloaded).
    private let csrfKey = SymmetricKey(size: .bits256)

    static let sessionCookie = "qakit_session"
    static let csrfCookie = "qakit_csrf"
    /// Sessions past this many live ones push out the oldest (a bound on memory, not a policy).
    static let maximumSessions = 10_000
    private var sessionOrder: [Data] = []

    init(accounts: [ReviewerAccount]?) {
        self.accounts = accounts
    }

    var isRequired: Bool { accounts != nil }

    /// The reviewer whose token this is, comparing its SHA-256 with every account's.
    func reviewer(forToken token: String) -> String? {
        guard let accounts else { return nil }
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        var match: String?
        for account in accounts where Self.constantTimeEqual(digest, account.tokenDigest) {
            match = account.name
        }
        return match
    }

    /// A new session for `reviewer`; the returned id goes into the cookie only.
    func openSession(for reviewer: String) -> String {
        let id = Self.randomHex(bytes: 32)
        let key = Self.digest(id)
        lock.lock()
        defer { lock.unlock() }
        sessions[key] = reviewer
        sessionOrder.append(key)
        if sessionOrder.count > Self.maximumSessions {
            sessions[sessionOrder.removeFirst()] = nil
        }
        return id
    }

    /// The reviewer of a session id, looked up by its SHA-256 (so the look-up's timing depends
    /// on the hash, not on the secret).
    func reviewer(forSession id: String) -> String? {
        let key = Self.digest(id)
        lock.lock()
        defer { lock.unlock() }
        return sessions[key]
    }

    func closeSession(_ id: String) {
        let key = Self.digest(id)
        lock.lock()
        defer { lock.unlock() }
        sessions[key] = nil
    }

    /// The form token for a CSRF cookie value: HMAC-SHA256 under this run's key, so a token is
    /// only valid with the cookie it was made for.
    func csrfToken(forCookie cookie: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(cookie.utf8), using: csrfKey)
        return Self.hex(Array(code))
    }

    /// Whether a form's `csrf_token` belongs to its CSRF cookie.
    func isValidCSRF(token: String?, cookie: String?) -> Bool {
        guard let token, let cookie, !cookie.isEmpty else { return false }
        return Self.constantTimeEqual(Array(token.utf8), Array(csrfToken(forCookie: cookie).utf8))
    }

    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func digest(_ text: String) -> Data {
        Data(SHA256.hash(data: Array(text.utf8)))
    }
}
