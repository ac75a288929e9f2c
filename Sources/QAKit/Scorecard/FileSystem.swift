#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import QAKitYAML

/// The few file-system calls the loader needs, without Foundation.
enum FileSystem {
    /// `path` itself when it is a file; when it is a directory, its `*.yaml`/`*.yml` files sorted
    /// by name, then those of each subdirectory (sorted, recursively, hidden ones skipped).
    ///
    /// A symbolic link to a directory is not followed, so a link loop cannot recurse forever.
    static func scorecardFiles(at path: String) -> Result<[String], UnreadablePath> {
        let isScorecard = { (name: String) in name.hasSuffix(".yaml") || name.hasSuffix(".yml") }
        let listed = files(at: path, where: isScorecard)
        guard case .success(var found) = listed, isDirectory(path) else { return listed }
        for directory in subdirectories(of: path) {
            guard case .success(let nested) = scorecardFiles(at: directory) else { continue }
            found += nested
        }
        return .success(found)
    }

    /// The paths of `path`'s subdirectories that are not hidden and not symbolic links, sorted.
    private static func subdirectories(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var paths: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            var info = stat()
            if !name.hasPrefix("."), lstat(prefix + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                paths.append(prefix + name)
            }
        }
        return paths.sorted()
    }

    /// `path` itself when it is a file (or anything but a directory that exists); when it is a
    /// directory, the paths of its regular files whose names pass `isIncluded`, sorted by name,
    /// without subdirectories and hidden files.
    static func files(at path: String, where isIncluded: (String) -> Bool) -> Result<[String], UnreadablePath> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(failure(path)) }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .success([path]) }
        guard let directory = opendir(path) else { return .failure(failure(path)) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix("."), isIncluded(name) { names.append(name) }
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return .success(names.sorted().map { prefix + $0 }.filter(isRegularFile))
    }

    /// Whether `path` is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The file's bytes; a file over `limit` bytes is read only far enough to report its size.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], UnreadablePath> {
        guard let handle = fopen(path, "rb") else { return .failure(failure(path)) }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = fread(&chunk, 1, chunk.count, handle)
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard ferror(handle) == 0 else { return .failure(failure(path)) }
        return .success(bytes)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private static func failure(_ path: String) -> UnreadablePath {
        UnreadablePath(path: path, reason: String(cString: strerror(errno)))
    }
}
