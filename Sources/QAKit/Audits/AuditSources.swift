#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens an audit file in its format.
public enum AuditSources {
    /// Opens `path` and reads its first item, so that a file that cannot be read at all (missing,
    /// empty, UTF-16, an unreadable CSV header, broken YAML) throws here, before anything is
    /// scored, whatever its format.
    ///
    /// - Throws: `InputError` with `isUnreadable` set; problems later in the file come from `next()`.
    public static func open(path: String, format: AuditFormat, decoder: AuditDecoder) throws(InputError) -> any AuditRecordSource {
        switch format {
        case .csv: try PrimedSource(try CSVAuditSource(path: path, decoder: decoder))
        case .tsv: try PrimedSource(try CSVAuditSource(path: path, delimiter: "\t", decoder: decoder))
        case .jsonl: try PrimedSource(try JSONLinesAuditSource(path: path, decoder: decoder))
        case .yaml: try PrimedSource(try YAMLAuditSource(file: path, bytes: readAll(path), decoder: decoder))
        }
    }

    /// The whole file (YAML audits are not streamed), at most 64 MiB.
    static func readAll(_ path: String) throws(InputError) -> [UInt8] {
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
        return try readAll(source, file: path, limit: 64 << 20,
                           tooLarge: "YAML audit file is larger than 64 MiB; use CSV or JSON Lines for large exports")
    }

    /// The whole of `source`, at most `limit` bytes; a larger file is an error saying `tooLarge`.
    static func readAll(_ source: ByteSource, file: String, limit: Int, tooLarge: String) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ByteSource.defaultChunkSize)
        defer { chunk.deallocate() }
        while true {
            let count: Int
            do {
                count = try source.read(into: chunk)
            } catch {
                throw InputError(file: file, message: error.message, isUnreadable: true)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw InputError(file: file, line: 1, column: 1, message: tooLarge, isUnreadable: true)
            }
        }
    }
}

/// A source whose first item was read when it was opened (see `AuditSources.open`).
///
/// Generic over the format's source so that reading stays statically dispatched.
struct PrimedSource<Base: AuditRecordSource>: AuditRecordSource {
    private var base: Base
    /// The first item, or the recoverable error reading it, until `next()` hands it out.
    private var first: Result<SourceItem?, InputError>?

    init(_ base: Base) throws(InputError) {
        self.base = base
        do {
            first = .success(try self.base.next())
        } catch where error.isUnreadable {
            throw error
        } catch {
            // A record-level failure (a quote left open): the run reports it in order.
            first = .failure(error)
        }
    }

    var file: String { base.file }
    var allowsFlagWords: Bool { base.allowsFlagWords }
    var declaredFieldNames: [String]? { base.declaredFieldNames }
    /// The base's (a CSV header's), or else the first record's.
    var metadataNames: [String] {
        if case .success(.record(_, let layout, _)?) = first, base.metadataNames.isEmpty { return layout.metadataNames }
        return base.metadataNames
    }

    mutating func next() throws(InputError) -> SourceItem? {
        guard let pending = first else { return try base.next() }
        first = nil
        return try pending.get()
    }

    mutating func nextItem(into record: inout CSVRecord) throws(InputError) -> RawSourceItem? {
        guard let pending = first else { return try base.nextItem(into: &record) }
        first = nil
        return try pending.get().map(RawSourceItem.item)
    }
}
