/// The repository's root folder, found from this file's path
/// (`Tests/VerdeelTestSupport/RepositoryRoot.swift`): where `Scenarios/` and
/// `Benchmarks/workloads/` are.
public let repositoryRoot: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/")
}()
