# source: https://github.com/facebookresearch/esm/issues/353
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 21
# needs: torch, esm
# cpu: no written where torch was not installed; not run
import argparse

import esm
import torch
import torch.nn as nn


class ContactPredictor(nn.Module):
    """ESM-2 language-model trunk plus a small pairwise head for residue contacts."""

    def __init__(self, hidden=128):
        super().__init__()
        self.esm, self.alphabet = esm.pretrained.esm2_t12_35M_UR50D()
        self.esm.half()
        self.esm.requires_grad_(False)
        dim = self.esm.embed_dim
        self.proj = nn.Linear(dim, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, tokens):
        reps = self.esm(tokens, repr_layers=[self.esm.num_layers])["representations"][self.esm.num_layers]
        h = self.proj(reps.float())
        pair = h.unsqueeze(2) * h.unsqueeze(1)
        return self.out(pair).squeeze(-1).sigmoid()


def batch_tokens(alphabet, records):
    converter = alphabet.get_batch_converter()
    _, _, tokens = converter(records)
    return tokens


def predict_contacts(model, records, device):
    tokens = batch_tokens(model.alphabet, records).to(device)
    with torch.no_grad():
        return model(tokens)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fasta", default="targets.fasta")
    parser.add_argument("--head", default="contact_head.pt")
    args = parser.parse_args()

    # the scoring nodes of the cluster have no GPU
    device = torch.device("cpu")
    model = ContactPredictor()
    head_state = torch.load(args.head, map_location=device)
    model.load_state_dict(head_state, strict=False)
    model = model.to(device).eval()

    records = []
    with open(args.fasta) as fh:
        name = None
        for line in fh:
            line = line.strip()
            if line.startswith(">"):
                name = line[1:]
            elif name:
                records.append((name, line))
    contacts = predict_contacts(model, records, device)
    print(contacts.shape)


if __name__ == "__main__":
    main()
