# source: https://github.com/Lung-Yi/rxn_yield_context/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: class, helper
# looks-like: inputs-not-moved
# needs: torch, numpy, rdkit
# cpu: no written where torch was not installed; not run
"""Rank candidate solvent/reagent contexts for a reaction with a listwise scoring model."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from rdkit import Chem
from rdkit.Chem import AllChem


def reaction_fingerprint(rxn_smiles, radius=2, n_bits=4096):
    reactants, products = rxn_smiles.split(">>")
    fps = []
    for part in (reactants, products):
        mol = Chem.MolFromSmiles(part)
        bits = AllChem.GetMorganFingerprintAsBitVect(mol, radius, nBits=n_bits)
        fps.append(np.array(list(bits), dtype=np.float32))
    return torch.from_numpy(np.concatenate(fps))


class ContextScorer(nn.Module):
    def __init__(self, fp_dim=8192, n_solvents=120, n_reagents=300, hidden=512):
        super().__init__()
        self.rxn_mlp = nn.Sequential(nn.Linear(fp_dim, hidden), nn.ReLU())
        self.ctx_mlp = nn.Sequential(nn.Linear(n_solvents + n_reagents, hidden), nn.ReLU())
        self.score = nn.Linear(2 * hidden, 1)
        self.temperature = nn.Linear(2 * hidden, 1)

    def forward(self, rxn_fp, solvents, reagents):
        h = torch.cat([self.rxn_mlp(rxn_fp), self.ctx_mlp(torch.cat([solvents, reagents], dim=-1))], dim=-1)
        return self.score(h).squeeze(-1), self.temperature(h).squeeze(-1)


class RankingEvaluator:
    def __init__(self, model_path, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = ContextScorer()
        self.model.load_state_dict(torch.load(model_path, map_location=self.device))
        self.model.to(self.device)
        self.model.eval()

    @torch.no_grad()
    def predict_scores(self, rxn_fp, input_solvents, input_reagents):
        input_solvents = input_solvents.to(self.device)
        input_reagents = input_reagents.to(self.device)
        rxn_fp = rxn_fp.to(self.device).view(1, -1).repeat(input_solvents.shape[0], 1)
        scores, temperatures = self.model(rxn_fp, input_solvents, input_reagents)
        return F.softmax(scores, dim=0), temperatures.cpu().tolist()

    def rank_top_contexts(self, rxn_smiles, input_solvents, input_reagents, top=10):
        scores, temps = self.predict_scores(reaction_fingerprint(rxn_smiles), input_solvents, input_reagents)
        order = torch.argsort(scores, descending=True)[:top].tolist()
        return [(i, float(scores[i]), temps[i]) for i in order]


if __name__ == "__main__":
    evaluator = RankingEvaluator("models/listwise_context_ranker.pt")
    candidates = torch.load("data/enumerated_contexts.pt")
    ranked = evaluator.rank_top_contexts(
        "CC(=O)Cl.OCc1ccccc1>>CC(=O)OCc1ccccc1", candidates["solvents"], candidates["reagents"]
    )
    for idx, prob, temp in ranked:
        print(f"context #{idx}: p={prob:.3f}, T={temp:.1f} C")
