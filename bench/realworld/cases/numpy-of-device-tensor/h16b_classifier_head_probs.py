# source: https://github.com/argilla-io/biome-text/issues/145
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, batch-dict, helper
# bug-lines: 31
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy
import torch
import torch.nn as nn


class TextClassificationHead(nn.Module):
    def __init__(self, labels, input_dim=128):
        super().__init__()
        self.labels = list(labels)
        self.embedding = nn.EmbeddingBag(5000, input_dim)
        self.classifier = nn.Linear(input_dim, len(self.labels))
        self.loss = nn.CrossEntropyLoss()

    def forward(self, token_ids, offsets, label=None):
        logits = self.classifier(self.embedding(token_ids, offsets))
        output = {"logits": logits, "probs": torch.softmax(logits, dim=-1)}
        if label is not None:
            output["loss"] = self.loss(logits, label)
        return output

    def process_output(self, output):
        probs_batch = output["probs"]
        if not isinstance(probs_batch, numpy.ndarray):
            probs_batch = probs_batch.data.numpy()
        results = []
        for probs in probs_batch:
            order = numpy.argsort(probs)[::-1]
            results.append({"labels": [self.labels[i] for i in order],
                            "probabilities": probs[order].tolist()})
        return results


def predict_batch(head, texts, vocab, device):
    ids, offsets = [], [0]
    for text in texts:
        tok = [vocab.get(w, 1) for w in text.lower().split()]
        ids.extend(tok)
        offsets.append(offsets[-1] + len(tok))
    token_ids = torch.tensor(ids, dtype=torch.long, device=device)
    offsets = torch.tensor(offsets[:-1], dtype=torch.long, device=device)
    with torch.no_grad():
        output = head(token_ids, offsets)
    return head.process_output(output)


if __name__ == "__main__":
    device = torch.device("cuda")
    head = TextClassificationHead(["negative", "neutral", "positive"]).to(device).eval()
    vocab = {"great": 2, "movie": 3, "awful": 4}
    print(predict_batch(head, ["great movie", "awful"], vocab, device))
