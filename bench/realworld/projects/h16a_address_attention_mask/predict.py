# source: https://github.com/GRAAL-Research/deepparse/pull/298
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.nn.utils.rnn import pad_sequence

from seq2seq import TAGS, AddressTagger


def embed_addresses(addresses, vectors, dim=300):
    seqs, lengths = [], []
    for address in addresses:
        words = address.lower().replace(",", " ").split()
        seqs.append(torch.stack([vectors.get(w, torch.zeros(dim)) for w in words]))
        lengths.append(len(words))
    return pad_sequence(seqs, batch_first=True), lengths


@torch.no_grad()
def tag(addresses, vectors, checkpoint="address_tagger.ckpt"):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = AddressTagger()
    model.load_state_dict(torch.load(checkpoint, map_location=device))
    model.to(device).eval()

    embeddings, lengths = embed_addresses(addresses, vectors)
    logits = model(embeddings.to(device), lengths)
    results = []
    for i, n in enumerate(lengths):
        results.append([TAGS[j] for j in logits[i, :n].argmax(-1).tolist()])
    return results


if __name__ == "__main__":
    vecs = torch.load("fasttext_subset.pt")
    print(tag(["350 rue des Lilas Ouest Quebec G1L 1B6"], vecs))
