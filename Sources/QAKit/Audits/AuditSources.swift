#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens an audit file in its format.
public enum AuditSources {
    public static func open(path: String, format: AuditFormat, decoder: AuditDecoder) throws(InputError) -> any AuditRecordSource {
        switch format {
        case .csv: try CSVAuditSource(path: path, decoder: decoder)
        case .tsv: try CSVAuditSource(path: path, delimiter: "\t", decoder: decoder)
        case .jsonl: try JSONLinesAuditSource(path: path, decoder: decoder)
        case .yaml: try YAMLAuditSource(file: path, bytes: readAll(path), decoder: decoder)
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
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ByteSource.defaultChunkSize)
        defer { chunk.deallocate() }
        while true {
            let count: Int
            do {
                count = try source.read(into: chunk)
            } catch {
                throw InputError(file: path, message: error.message, isUnreadable: true)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 64 << 20 {
                throw InputError(file: path, message: "YAML audit file is larger than 64 MiB; use CSV or JSON Lines for large exports", isUnreadable: true)
            }
        }
    }
}
