# source: https://github.com/lum3on/ComfyUI-StableAudioX/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import torch

from h54a_export import save_preview
from h54a_preprocess import log_mel, prepare_clip


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", required=True)
    ap.add_argument("--captioner", required=True, help="TorchScript captioning model")
    ap.add_argument("--out", default="previews")
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    captioner = torch.jit.load(args.captioner, map_location=device).eval()

    for path in sorted(glob.glob(os.path.join(args.clips, "*.wav"))):
        audio = prepare_clip(path, device)
        with torch.no_grad():
            caption = captioner.generate(log_mel(audio), 30)
        stem = os.path.splitext(os.path.basename(path))[0]
        save_preview(audio, caption, args.out, stem)
        print(f"{stem}: {caption}")


if __name__ == "__main__":
    main()
