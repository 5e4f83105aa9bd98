# source: https://github.com/landing-ai/vision-agent-tools/pull/21
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# looks-like: inputs-not-moved
# needs: PIL
# cpu: no written where torch was not installed; not run
"""Run the OWLv2 tool over a folder of images and write JSON detections."""
import argparse
import json
from pathlib import Path

from PIL import Image

from h51b_owlv2_tool import Owlv2Tool


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("images", type=Path)
    parser.add_argument("--prompts", nargs="+", default=["person", "forklift", "pallet"])
    parser.add_argument("--out", type=Path, default=Path("detections.json"))
    parser.add_argument("--device", default=None)
    args = parser.parse_args()

    tool = Owlv2Tool(device=args.device)
    all_dets = {}
    for path in sorted(args.images.glob("*.jpg")):
        image = Image.open(path).convert("RGB")
        all_dets[path.name] = tool(image, args.prompts, box_threshold=0.2)
    args.out.write_text(json.dumps(all_dets, indent=2))


if __name__ == "__main__":
    main()
