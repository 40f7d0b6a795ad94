import Foundation
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation

func readFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}
