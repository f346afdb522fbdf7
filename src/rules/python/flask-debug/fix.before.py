from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/health")
def health():
    return jsonify({"status": "ok"})


@app.route("/api/echo", methods=["POST"])
def echo():
    return jsonify(request.get_json())


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
