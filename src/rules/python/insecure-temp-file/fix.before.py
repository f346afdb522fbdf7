import csv
import json
import subprocess
import tempfile


def export_report(rows):
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerows(rows)
    return path


def render_pdf(html):
    html_path = tempfile.mktemp(".html")
    with open(html_path, "w") as f:
        f.write(html)
    subprocess.run(["wkhtmltopdf", html_path, html_path + ".pdf"], check=True)
    return html_path + ".pdf"


def save_snapshot(state, workdir):
    snapshot_file = tempfile.mktemp(prefix="snapshot-", suffix=".json", dir=workdir)
    fh = open(snapshot_file, "wb")
    fh.write(json.dumps(state).encode())
    fh.close()
    return snapshot_file
