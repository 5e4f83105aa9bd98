# source: https://github.com/ESAOpenSR/opensr-model/issues/6
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 20, 21
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from sr_model import BANDS, load_sr_model
from tiles import iter_tiles, reflectance_to_tensor, stitch


def smoke_test(model, model_type):
    # test functionality of selected model
    n_bands = len(BANDS[model_type])
    X = torch.rand(1, n_bands, 128, 128)
    sr = model(X)
    assert sr.shape[-1] == 512, sr.shape
    return sr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-type", default="10m", choices=list(BANDS))
    parser.add_argument("--ckpt", default="weights/sr_10m.ckpt")
    parser.add_argument("--scene", default="S2A_T32TNS_stack.npy")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_sr_model(args.model_type, args.ckpt, device)

    with torch.no_grad():
        smoke_test(model, args.model_type)
        scene = np.load(args.scene)
        outputs = []
        for pos, tile in iter_tiles(scene):
            lr = reflectance_to_tensor(tile).to(device)
            outputs.append((pos, model(lr)))
    sr_scene = stitch(outputs, (scene.shape[0], scene.shape[1] * 4, scene.shape[2] * 4))
    np.save(args.scene.replace(".npy", "_x4.npy"), sr_scene.numpy())


if __name__ == "__main__":
    main()
