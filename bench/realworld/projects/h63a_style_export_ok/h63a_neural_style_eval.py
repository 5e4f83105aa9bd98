# source: https://github.com/pytorch/examples/pull/397
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, top-level, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, onnxruntime
# cpu: no written where torch was not installed; not run
"""Stylize an image; optionally export the network to ONNX and cross-check it."""
import argparse
import re

import numpy as np
import onnxruntime as ort
import torch

import h63a_style_utils as utils
from h63a_transformer_net import TransformerNet


def load_style_model(path, device):
    state = torch.load(path, map_location="cpu")
    for key in list(state.keys()):
        if re.search(r"in\d+\.running_(mean|var)$", key):
            del state[key]
    model = TransformerNet()
    model.load_state_dict(state)
    return model.to(device).eval()


def check_onnx(onnx_path, content, torch_out):
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: content.detach().cpu().numpy()}
    ort_out = session.run(None, feed)[0]
    print("max |torch - onnx| =", utils.max_abs_diff(torch_out, ort_out))


def stylize(args):
    device = torch.device("cuda" if args.cuda and torch.cuda.is_available() else "cpu")
    content = utils.load_image(args.content_image, scale=args.content_scale).to(device)
    model = load_style_model(args.model, device)

    with torch.no_grad():
        output = model(content)

    if args.export_onnx:
        torch.onnx.export(model, content, args.export_onnx, opset_version=17,
                          input_names=["content"], output_names=["stylized"])
        check_onnx(args.export_onnx, content, output)

    host_output = output.cpu()
    stats = host_output.numpy().reshape(3, -1)
    print("per-channel mean:", np.round(stats.mean(axis=1), 2))
    utils.save_image(args.output_image, output[0])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--content-image", required=True)
    parser.add_argument("--content-scale", type=float, default=None)
    parser.add_argument("--output-image", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--cuda", type=int, default=1)
    parser.add_argument("--export_onnx", default=None)
    stylize(parser.parse_args())
