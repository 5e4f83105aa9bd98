# source: https://github.com/plainerman/DiffDock-Pocket/issues/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, batch-dict
# bug-lines: 56
# needs: torch, numpy, esm
# cpu: no written where torch was not installed; not run
"""Attach ESM residue embeddings to receptor chains before docking featurisation."""
import sys

import esm
import numpy as np
import torch

THREE_TO_ONE = {"ALA": "A", "ARG": "R", "ASN": "N", "ASP": "D", "CYS": "C", "GLN": "Q",
                "GLU": "E", "GLY": "G", "HIS": "H", "ILE": "I", "LEU": "L", "LYS": "K",
                "MET": "M", "PHE": "F", "PRO": "P", "SER": "S", "THR": "T", "TRP": "W",
                "TYR": "Y", "VAL": "V"}


def parse_receptor(pdb_path):
    chains = {}
    with open(pdb_path) as fh:
        for line in fh:
            if not line.startswith("ATOM") or line[12:16].strip() != "CA":
                continue
            chain = chains.setdefault(line[21], {"seq": [], "ca": []})
            chain["seq"].append(THREE_TO_ONE.get(line[17:20], "X"))
            chain["ca"].append([float(line[30:38]), float(line[38:46]), float(line[46:54])])
    return [{"id": cid, "seq": "".join(c["seq"]), "ca": np.array(c["ca"])}
            for cid, c in chains.items()]


def compute_lm_embeddings(chains, device):
    model, alphabet = esm.pretrained.esm2_t33_650M_UR50D()
    model = model.eval().to(device)
    converter = alphabet.get_batch_converter()
    per_chain = []
    for chain in chains:
        _, _, tokens = converter([(chain["id"], chain["seq"])])
        with torch.no_grad():
            out = model(tokens.to(device), repr_layers=[33])
        per_chain.append(out["representations"][33][0, 1:len(chain["seq"]) + 1])
    return per_chain


def extract_receptor_structure(chains, lm_embedding_chains, cutoff=1e-3):
    valid_coords, valid_lm_embeddings = [], []
    for i, chain in enumerate(chains):
        mask = np.linalg.norm(chain["ca"], axis=1) > cutoff
        if mask.sum() == 0:
            continue
        valid_coords.append(chain["ca"][mask])
        valid_lm_embeddings.append(lm_embedding_chains[i][torch.from_numpy(mask)])
    coords = np.concatenate(valid_coords, axis=0)
    lm_embeddings = np.concatenate(valid_lm_embeddings, axis=0)
    return {"ca_coords": coords, "lm_embeddings": lm_embeddings}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    chains = parse_receptor(sys.argv[1])
    lm_chains = compute_lm_embeddings(chains, device)
    receptor = extract_receptor_structure(chains, lm_chains)
    np.savez(sys.argv[2], **receptor)
    print({k: v.shape for k, v in receptor.items()})
