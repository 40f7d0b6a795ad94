import VerdeelTestSupport

/// The repository's `Scenarios/data/` directory.
let dataDirectory = repositoryRoot + "/Scenarios/data"
