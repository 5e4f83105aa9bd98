# source: https://github.com/bioimage-io/core-bioimage-io-python/pull/309
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# needs: torch, numpy, onnxruntime
# cpu: no written where torch was not installed; not run
"""Convert a zoo entry from pytorch_state_dict to ONNX on a CPU-only packaging machine."""
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import torch

from weights_io import load_model

try:
    import onnxruntime as rt
except ImportError:
    rt = None


def convert_weights_to_onnx(spec_path, output_path, opset_version=17, decimal=4):
    spec_path = Path(spec_path)
    spec = json.loads(spec_path.read_text())
    root = spec_path.parent
    input_data = [np.load(root / p).astype("float32") for p in spec["test_inputs"]]
    input_tensors = [torch.from_numpy(a) for a in input_data]
    with torch.no_grad():
        model = load_model(spec, root)
        expected = model(*input_tensors)
        expected = [expected] if isinstance(expected, torch.Tensor) else list(expected)
        expected = [t.numpy() for t in expected]
        torch.onnx.export(model, tuple(input_tensors), str(output_path), opset_version=opset_version,
                          input_names=["input"], output_names=["output"])
    if rt is None:
        warnings.warn("onnxruntime missing: exported weights were not checked")
        return 1
    sess = rt.InferenceSession(str(output_path))
    feeds = {i.name: a for i, a in zip(sess.get_inputs(), input_data)}
    for exp, out in zip(expected, sess.run(None, feeds)):
        np.testing.assert_array_almost_equal(exp, out, decimal=decimal)
    return 0


if __name__ == "__main__":
    sys.exit(convert_weights_to_onnx(sys.argv[1], sys.argv[2]))
