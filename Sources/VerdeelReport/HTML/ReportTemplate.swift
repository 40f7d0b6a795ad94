/// The report's page as mustache templates (escaping by default: every `{{name}}` is HTML-
/// escaped; only the charts, which the project writes with escaped text, use `{{{svg}}}`),
/// its style sheet and its little script (switching measure and year, sorting a table).
/// Kept in the source, so the one binary renders reports without files of its own.
enum ReportTemplate {
    static let table = """
        <div class="table-wrap"><table class="sortable">
        <caption>{{caption}}</caption>
        <thead><tr>{{#head}}<th scope="col"{{#numeric}} class="num"{{/numeric}}>{{text}}</th>{{/head}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td{{#numeric}} class="num"{{/numeric}} data-value="{{value}}"{{#amount}} data-amount="1"{{/amount}}>{{text}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        {{#hasFooter}}<tfoot><tr>{{#footer}}<td{{#numeric}} class="num"{{/numeric}} data-value="{{value}}">{{text}}</td>{{/footer}}</tr></tfoot>{{/hasFooter}}
        </table></div>
        """

    static let switcher = """
        {{#several}}<label class="switch-label">{{chooseLabel}} <select class="switch" data-group="{{group}}">{{#choices}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}</select></label>{{/several}}
        {{#panels}}<div class="panel" data-group="{{group}}" data-key="{{key}}"{{^selected}} hidden{{/selected}}>{{#table}}{{> table}}{{/table}}{{{html}}}</div>{{/panels}}
        """

    static let page = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>{{{style}}}</style>
        </head>
        <body>
        {{#synthetic}}<div class="banner" role="alert" id="synthetic"><strong>{{t.attention}}</strong> {{synthetic}}</div>{{/synthetic}}
        <header><h1>{{title}}</h1><p class="lead">{{subtitle}}</p>
        <nav><ul>{{#contents}}<li><a href="#{{id}}">{{label}}</a></li>{{/contents}}</ul></nav></header>
        <main>
        {{#allocation}}<section id="allocation"><h2>{{t.allocation}}</h2><p>{{t.allocationIntro}}</p>
        {{#tables}}{{> table}}{{/tables}}
        {{#charts}}{{> switcher}}{{/charts}}</section>{{/allocation}}
        {{#change}}<section id="change"><h2>{{t.change}}</h2><p>{{t.changeIntro}}</p>
        <ul class="summary">{{#summary}}<li><strong>{{measure}}</strong>: {{text}}</li>{{/summary}}</ul>
        {{#charts}}{{> switcher}}{{/charts}}
        {{#tables}}{{> table}}{{/tables}}</section>{{/change}}
        {{#fairness}}<section id="fairness"><h2>{{t.fairness}}</h2><p>{{t.fairnessIntro}}</p>
        {{> switcher}}</section>{{/fairness}}
        {{#montecarlo}}<section id="montecarlo"><h2>{{t.montecarlo}}</h2><p>{{t.montecarloIntro}} {{t.variant}} {{variant}}{{#parameters}} ({{parameters}}){{/parameters}}{{#seed}}; {{seed}}{{/seed}}.</p>
        {{#charts}}{{> switcher}}{{/charts}}
        {{#fairness}}{{> table}}{{/fairness}}
        {{#losses}}{{> table}}{{/losses}}</section>{{/montecarlo}}
        {{#statistics}}<section id="statistics"><h2>{{t.statistics}}</h2><p>{{t.statisticsIntro}} {{t.variant}} {{variant}}.</p>
        {{#tables}}{{> table}}{{/tables}}</section>{{/statistics}}
        {{#sweep}}<section id="sweep"><h2>{{t.sweep}}</h2><p>{{t.sweepIntro}} <code>{{parameter}}</code> ({{variants}} {{t.variants}}).</p>
        {{#charts}}{{> switcher}}{{/charts}}</section>{{/sweep}}
        {{#heatmap}}<section id="heatmap"><h2>{{t.heatmap}}</h2><p>{{t.heatmapIntro}}{{#third}} {{t.thirdWeight}} {{third}}, {{t.theOthers}}{{/third}}</p>
        {{#charts}}{{> switcher}}{{/charts}}</section>{{/heatmap}}
        {{#sensitivity}}<section id="sensitivity"><h2>{{t.sensitivity}} ({{method}})</h2><p>{{t.sensitivityIntro}}</p>
        {{#charts}}{{> switcher}}{{/charts}}</section>{{/sensitivity}}
        {{#notes}}<section id="notes"><h2>{{t.notes}}</h2>
        {{#hasWarnings}}<h3>{{t.warnings}}</h3><ul class="warnings">{{#warnings}}<li>{{.}}</li>{{/warnings}}</ul>{{/hasWarnings}}
        {{^hasWarnings}}<p>{{t.noWarnings}}</p>{{/hasWarnings}}
        {{#earmarks}}{{> table}}{{/earmarks}}
        {{#hasAssertions}}<h3>{{t.assertions}}</h3><ul class="assertions">{{#assertions}}<li class="{{#met}}met{{/met}}{{^met}}failed{{/met}}"><code>{{text}}</code> ({{scenario}}): <strong>{{result}}</strong></li>{{/assertions}}</ul>{{/hasAssertions}}
        </section>{{/notes}}
        </main>
        <footer id="provenance"><h2>{{t.provenance}}</h2>
        {{#footer}}<p>{{t.engine}}: {{engine}}{{#seed}}; {{t.seed}}: {{seed}}{{/seed}}.</p>
        <table><caption>{{t.scenarioFiles}}</caption><thead><tr><th scope="col">{{t.file}}</th><th scope="col">SHA-256</th></tr></thead><tbody>{{#scenarioFiles}}<tr><td>{{path}}</td><td><code>{{sha256}}</code></td></tr>{{/scenarioFiles}}</tbody></table>
        <table><caption>{{t.dataFiles}}</caption><thead><tr><th scope="col">{{t.table}}</th><th scope="col">{{t.file}}</th><th scope="col">{{t.source}}</th><th scope="col">{{t.synthetic}}</th></tr></thead>
        <tbody>{{#dataFiles}}<tr><td>{{scenario}}: {{table}}</td><td>{{path}}</td><td>{{source}}</td><td>{{#synthetic}}{{t.yes}}{{/synthetic}}{{^synthetic}}{{t.no}}{{/synthetic}}</td></tr>{{/dataFiles}}</tbody></table>{{/footer}}
        </footer>
        <script>{{{script}}}</script>
        </body>
        </html>

        """

    static let style = """
        :root{--ink:#1b1b1b;--muted:#5b5b5b;--line:#d6d6d6;--bar:#3b6ea8;--gain:#2a7f4f;--loss:#b23b3b;--band:#9ec3e6;--accent:#01689b}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);margin:0 auto;max-width:1600px;padding:0 16px 40px}
        h1{font-size:26px;margin:18px 0 4px}h2{font-size:20px;border-bottom:2px solid var(--accent);padding-bottom:4px;margin-top:36px}h3{font-size:16px}
        .lead{color:var(--muted);margin-top:0}nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 16px}nav a{color:var(--accent)}
        .banner{background:#fff3cd;border:2px solid #c9a100;padding:10px 14px;margin:14px 0;border-radius:4px}
        table{border-collapse:collapse;margin:14px 0;font-size:13px;width:100%}caption{text-align:left;font-weight:600;padding:4px 0}
        th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left}th{background:#f2f5f8;cursor:pointer;white-space:nowrap}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tfoot td{font-weight:600;border-top:2px solid var(--ink)}
        figure{margin:16px 0;overflow-x:auto}figcaption{font-weight:600;margin-bottom:4px}.table-wrap{overflow-x:auto}svg{max-width:100%;height:auto;font:12px system-ui,"DejaVu Sans",sans-serif}
        .multiples{display:flex;flex-wrap:wrap;gap:8px 16px}
        .switch-label{display:block;margin:10px 0;font-weight:600}select{font:inherit;padding:2px 4px}
        .grid{stroke:#e3e3e3}.axis{stroke:#777}.zero{stroke:#333}.tick{fill:var(--muted);font-size:11px}.label{fill:var(--ink)}.value{fill:var(--muted);font-size:11px}
        .legend{fill:var(--ink);font-size:12px}.panel text.panel,text.panel{font-weight:600}
        .bar{fill:var(--bar)}.bar.gain{fill:var(--gain)}.bar.loss{fill:var(--loss)}.bar.total{fill:#b7cde6}.bar.first{fill:#1f4e85}
        .marker{stroke:var(--loss);stroke-dasharray:4 3;stroke-width:1.5}.whisker{stroke:#222;stroke-width:1.2}
        .curve{fill:none;stroke-width:2}.curve.s0{stroke:var(--bar)}.curve.s1{stroke:#d17a00}.dashed{stroke-dasharray:6 4}.equality{stroke:#888;stroke-dasharray:2 3}
        .interval{stroke:var(--bar);stroke-width:3}.median{fill:#1f4e85}.reference{stroke:#d17a00;stroke-width:2}.band{fill:var(--band);opacity:.8}
        .assertions .failed{color:var(--loss)}.warnings li{margin:4px 0}
        footer{margin-top:40px;color:var(--muted);font-size:13px}footer table{font-size:12px}
        @media (max-width:1400px){table{font-size:11px}th,td{padding:2px 4px}th,th.num{white-space:normal}}
        @page{size:A4 landscape;margin:10mm}
        @media print{body{max-width:none;padding:0;font-size:12px}table{font-size:9px}th,td{padding:1px 3px}th,th.num{white-space:normal;cursor:auto}
        .table-wrap,figure{overflow:visible}thead{display:table-header-group}tr{break-inside:avoid}h2,h3,caption{break-after:avoid}
        select{border:none;appearance:none;font-weight:600}nav{display:none}}
        """

    static let script = """
        (function(){
        document.querySelectorAll('select.switch').forEach(function(select){
        select.addEventListener('change',function(){
        document.querySelectorAll('.panel[data-group="'+select.dataset.group+'"]').forEach(function(panel){panel.hidden=panel.dataset.key!==select.value;});});});
        document.querySelectorAll('table.sortable').forEach(function(table){
        table.querySelectorAll('thead th').forEach(function(th,column){
        th.addEventListener('click',function(){
        var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);var up=th.dataset.order!=='up';
        table.querySelectorAll('thead th').forEach(function(other){delete other.dataset.order;});th.dataset.order=up?'up':'down';
        rows.sort(function(a,b){var x=a.cells[column].dataset.value,y=b.cells[column].dataset.value;var p=parseFloat(x),q=parseFloat(y);
        var c=(!isNaN(p)&&!isNaN(q))?p-q:String(x).localeCompare(String(y),document.documentElement.lang);return up?c:-c;});
        rows.forEach(function(row){body.appendChild(row);});});});});
        })();
        """
}
