import Foundation

/// The workbench's page, embedded in the binary (`workbench.html`).
public enum WorkbenchPage {
    public static var html: Data { Data(PackageResources.workbench_html) }
}
