# source: https://github.com/deepchem/deepchem/issues/3557
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, helper
# needs: numpy, rdkit
# cpu: no written where torch was not installed; not run
"""Difference fingerprints for Buchwald-Hartwig reactions (product bits minus
reactant bits, plus MACCS keys of the additive)."""
import numpy as np
from rdkit import Chem, DataStructs
from rdkit.Chem import AllChem, MACCSkeys

N_BITS = 2048


def _bits(fp, n):
    arr = np.zeros((n,), dtype=np.int64)
    DataStructs.ConvertToNumpyArray(fp, arr)
    return arr


def morgan_bits(smiles, radius=2):
    mol = Chem.MolFromSmiles(smiles)
    return _bits(AllChem.GetMorganFingerprintAsBitVect(mol, radius, nBits=N_BITS), N_BITS)


def reaction_fingerprint(rxn_smiles, additive_smiles):
    reactants, products = rxn_smiles.split(">>")
    r_bits = sum(morgan_bits(s) for s in reactants.split("."))
    p_bits = sum(morgan_bits(s) for s in products.split("."))
    additive = _bits(MACCSkeys.GenMACCSKeys(Chem.MolFromSmiles(additive_smiles)), 167)
    return np.concatenate([p_bits - r_bits, additive])


def featurize_reactions(frame):
    rows = [reaction_fingerprint(r, a) for r, a in zip(frame["rxn_smiles"], frame["additive"])]
    return np.stack(rows)
