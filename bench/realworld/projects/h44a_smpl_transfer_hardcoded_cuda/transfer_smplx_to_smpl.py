# source: https://github.com/vchoutas/smplx/issues/111
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 26
# needs: torch, smplx, pyyaml
# cpu: no written where torch was not installed; not run
"""Convert SMPL-X meshes to SMPL parameters: python transfer_smplx_to_smpl.py config.yaml"""
import os
import os.path as osp
import pickle
import sys

import smplx
import torch
import yaml

from deformation import read_deformation_transfer, run_fitting
from mesh_data import build_dataloader


def main(cfg_path):
    with open(cfg_path) as f:
        cfg = yaml.safe_load(f)

    device = torch.device("cuda")

    os.makedirs(cfg["output_folder"], exist_ok=True)
    body_model = smplx.create(cfg["model_folder"], model_type="smpl", gender=cfg.get("gender", "neutral"),
                              batch_size=cfg.get("batch_size", 1))
    body_model = body_model.to(device=device)
    def_matrix = read_deformation_transfer(cfg["deformation_transfer_path"], device=device)

    loader = build_dataloader(cfg)["dataloader"]
    for batch in loader:
        for key in batch:
            if torch.is_tensor(batch[key]):
                batch[key] = batch[key].to(device=device)
        result = run_fitting(batch, body_model, def_matrix, iterations=cfg.get("iterations", 200))
        for path in batch["paths"]:
            name = osp.splitext(osp.basename(path))[0]
            with open(osp.join(cfg["output_folder"], f"{name}.pkl"), "wb") as f:
                pickle.dump(result, f)
        print(f"converted {len(batch['paths'])} mesh(es)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "config_files/smplx2smpl.yaml")
