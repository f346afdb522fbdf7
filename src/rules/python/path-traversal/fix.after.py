import os

from flask import Flask, jsonify, request, send_file

app = Flask(__name__)
UPLOAD_DIR = "/srv/app/uploads"
REPORTS_DIR = os.path.join(os.path.dirname(__file__), "reports")


@app.route("/files/<filename>")
def read_file(filename):
    file_path = os.path.join(UPLOAD_DIR, filename)
    if not os.path.realpath(file_path).startswith(os.path.realpath(UPLOAD_DIR) + os.sep):
        raise ValueError("path outside the allowed directory")
    with open(file_path, "r") as f:
        return jsonify({"content": f.read()})


@app.route("/reports/download")
def download_report():
    name = request.args.get("name", "")
    report_path = os.path.join(REPORTS_DIR, name)
    if not os.path.realpath(report_path).startswith(os.path.realpath(REPORTS_DIR) + os.sep):
        raise ValueError("path outside the allowed directory")
    return send_file(report_path, as_attachment=True)


@app.route("/files/<filename>", methods=["DELETE"])
def delete_file(filename):
    target = os.path.join(UPLOAD_DIR, filename)
    if not os.path.realpath(target).startswith(os.path.realpath(UPLOAD_DIR) + os.sep):
        raise ValueError("path outside the allowed directory")
    if os.path.exists(target):
        os.remove(target)
    return jsonify({"deleted": filename})
