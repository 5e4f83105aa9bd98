# source: https://github.com/mlflow/mlflow/issues/7879
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 47
# needs: torch, numpy, flask
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn
from flask import Flask, jsonify, request


class TabularRegressor(nn.Module):
    def __init__(self, n_features=16, hidden=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden),
            nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


class TorchPyfuncWrapper:
    """pyfunc-style wrapper used by the scoring server: numpy in, numpy out."""

    def __init__(self, model, device=None):
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.model = model.to(self.device).eval()

    def _as_tensor(self, data):
        arr = np.asarray(data, dtype=np.float32)
        if arr.ndim == 1:
            arr = arr[None, :]
        return torch.from_numpy(arr).to(self.device)

    def predict(self, data):
        inputs = self._as_tensor(data)
        with torch.no_grad():
            preds = self.model(inputs)
        return preds.numpy()


def load_wrapper(weights_path, device=None):
    model = TabularRegressor()
    state = torch.load(weights_path, map_location="cpu")
    model.load_state_dict(state)
    return TorchPyfuncWrapper(model, device=device)


app = Flask(__name__)
WRAPPER = load_wrapper("artifacts/regressor.pt", device="cuda")


@app.route("/invocations", methods=["POST"])
def invocations():
    payload = request.get_json(force=True)
    scores = WRAPPER.predict(payload["inputs"])
    return jsonify({"predictions": scores.tolist()})


@app.route("/ping", methods=["GET"])
def ping():
    return jsonify({"status": "ok", "device": str(WRAPPER.device)})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5001)
