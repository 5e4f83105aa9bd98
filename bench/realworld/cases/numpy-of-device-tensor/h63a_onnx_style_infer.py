# source: https://github.com/pytorch/examples/issues/940
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper
# bug-lines: 40
# needs: torch, torchvision, numpy, onnxruntime, pillow
# cpu: no written where torch was not installed; not run
"""Stylize an image with either a TorchScript or an exported ONNX style model."""
import argparse

import numpy as np
import onnxruntime as ort
import torch
from PIL import Image
from torchvision import transforms


def load_content(path, scale=None):
    img = Image.open(path).convert("RGB")
    if scale:
        size = (int(img.size[0] / scale), int(img.size[1] / scale))
        img = img.resize(size, Image.LANCZOS)
    to_tensor = transforms.Compose([
        transforms.ToTensor(),
        transforms.Lambda(lambda x: x.mul(255)),
    ])
    return to_tensor(img).unsqueeze(0)


def save_output(path, data):
    img = data.clone().clamp(0, 255).numpy()
    img = img.transpose(1, 2, 0).astype("uint8")
    Image.fromarray(img).save(path)


def run_onnx(model_path, content, use_cuda):
    providers = ["CUDAExecutionProvider", "CPUExecutionProvider"] if use_cuda else ["CPUExecutionProvider"]
    session = ort.InferenceSession(model_path, providers=providers)
    input_name = session.get_inputs()[0].name
    feed = {input_name: content.numpy()}
    out = session.run(None, feed)[0]
    return torch.from_numpy(np.ascontiguousarray(out))


def stylize(args):
    device = torch.device("cuda" if args.cuda else "cpu")
    content = load_content(args.content_image, args.content_scale)
    content = content.to(device)

    if args.model.endswith(".onnx"):
        output = run_onnx(args.model, content, args.cuda)
    else:
        style_model = torch.jit.load(args.model, map_location=device)
        style_model.eval()
        with torch.no_grad():
            output = style_model(content).cpu()
    save_output(args.output_image, output[0])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="fast style transfer inference")
    parser.add_argument("--content-image", required=True)
    parser.add_argument("--content-scale", type=float, default=None)
    parser.add_argument("--output-image", required=True)
    parser.add_argument("--model", required=True, help=".pt (TorchScript) or .onnx file")
    parser.add_argument("--cuda", type=int, default=1)
    stylize(parser.parse_args())
