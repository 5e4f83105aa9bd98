# source: https://github.com/grammarly/gector/issues/59
# error: TypeError: type torch.cuda.FloatTensor not available. Torch not compiled with CUDA enabled.
# pattern: legacy-type-cast
# shape: class, helper, batch-dict
# bug-lines: 38
# cpu: raises "torch.cuda.FloatTensor not available"
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class Seq2Labels(nn.Module):
    def __init__(self, vocab_size=50, dim=24, num_labels=6, num_detect=4, confidence=0.0):
        super().__init__()
        self.embedder = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.num_labels_classes = num_labels
        self.num_detect_classes = num_detect
        self.confidence = confidence
        self.predictor_dropout = nn.Dropout(0.1)
        self.tag_labels_projection_layer = nn.Linear(dim, num_labels)
        self.tag_detect_projection_layer = nn.Linear(dim, num_detect)

    def forward(self, tokens):
        input_ids = tokens["input_ids"]
        mask = (input_ids != 0).float()
        encoded_text = self.embedder(input_ids)
        batch_size, sequence_length, _ = encoded_text.size()
        logits_labels = self.tag_labels_projection_layer(self.predictor_dropout(encoded_text))
        logits_d = self.tag_detect_projection_layer(encoded_text)

        class_probabilities_labels = F.softmax(logits_labels, dim=-1).view(
            [batch_size, sequence_length, self.num_labels_classes])
        class_probabilities_d = F.softmax(logits_d, dim=-1).view(
            [batch_size, sequence_length, self.num_detect_classes])
        if self.confidence > 0:
            probability_change = [self.confidence] + [0] * (self.num_labels_classes - 1)
            class_probabilities_labels += torch.cuda.FloatTensor(probability_change).repeat(
                (batch_size, sequence_length, 1))
        return {"class_probabilities_labels": class_probabilities_labels,
                "class_probabilities_d_tags": class_probabilities_d,
                "mask": mask}


def predict_for_batch(model, batch, device):
    tokens = {k: v.to(device) for k, v in batch.items()}
    with torch.no_grad():
        output = model(tokens)
    probs, idx = output["class_probabilities_labels"].max(-1)
    return probs.tolist(), idx.tolist()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Seq2Labels(confidence=0.2).to(device).eval()
    batch = {"input_ids": torch.randint(1, 50, (2, 9))}
    print(predict_for_batch(model, batch, device)[1])
