import csv
import json
import subprocess
import tempfile
import os


def export_report(rows):
    fd, path = tempfile.mkstemp(suffix=".csv")
    os.close(fd)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerows(rows)
    return path


def render_pdf(html):
    fd, html_path = tempfile.mkstemp(".html")
    os.close(fd)
    with open(html_path, "w") as f:
        f.write(html)
    subprocess.run(["wkhtmltopdf", html_path, html_path + ".pdf"], check=True)
    return html_path + ".pdf"


def save_snapshot(state, workdir):
    fd, snapshot_file = tempfile.mkstemp(prefix="snapshot-", suffix=".json", dir=workdir)
    os.close(fd)
    fh = open(snapshot_file, "wb")
    fh.write(json.dumps(state).encode())
    fh.close()
    return snapshot_file
