# source: https://github.com/ztxz16/fastllm/issues/231
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, batch-dict
# bug-lines: 45
# cpu: clean
# needs: torch, numpy
import argparse
import os
import struct
import tempfile

import numpy as np
import torch
import torch.nn as nn

DTYPE_CODES = {"float32": 0, "float16": 7}


class TinyCausalLM(nn.Module):
    def __init__(self, vocab=1000, dim=64, layers=2):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.layers = nn.ModuleList(nn.Linear(dim, dim) for _ in range(layers))
        self.lm_head = nn.Linear(dim, vocab, bias=False)


def load_model(device):
    model = TinyCausalLM()
    return model.to(device).eval()


def write_str(f, s):
    data = s.encode()
    f.write(struct.pack("i", len(data)))
    f.write(data)


def tofile(export_path, model, dtype="float16"):
    state = model.state_dict()
    np_dtype = np.float16 if dtype == "float16" else np.float32
    with open(export_path, "wb") as fo:
        fo.write(struct.pack("i", len(state)))
        for key in state:
            cur = state[key].numpy().astype(np_dtype)
            write_str(fo, key)
            fo.write(struct.pack("i", cur.ndim))
            for dim in cur.shape:
                fo.write(struct.pack("i", dim))
            fo.write(struct.pack("i", DTYPE_CODES[dtype]))
            fo.write(cur.tobytes())
    return os.path.getsize(export_path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "tiny-lm.flm"))
    parser.add_argument("--dtype", default="float16", choices=sorted(DTYPE_CODES))
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_model(device)
    size = tofile(args.out, model, dtype=args.dtype)
    print(f"wrote {args.out} ({size} bytes)")


if __name__ == "__main__":
    main()
