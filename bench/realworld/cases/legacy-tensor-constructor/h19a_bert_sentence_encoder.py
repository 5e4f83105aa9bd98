# source: https://github.com/stephenhky/PyShortTextCategorization/pull/110
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class
# bug-lines: 39, 42
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from transformers import BertModel, BertTokenizer


class WrappedBertEncoder:
    """Turns short texts into fixed-size vectors for a downstream classifier."""

    def __init__(self, model_name="bert-base-uncased", max_length=48, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = BertTokenizer.from_pretrained(model_name)
        self.model = BertModel.from_pretrained(model_name).to(self.device)
        self.model.eval()
        self.max_length = max_length

    def _tokenize(self, sentence):
        ids = self.tokenizer.encode(
            sentence,
            add_special_tokens=True,
            max_length=self.max_length,
            truncation=True,
            padding="max_length",
        )
        return torch.tensor([ids])

    def encode_sentences(self, sentences):
        input_ids = [self._tokenize(s) for s in sentences]
        input_ids = torch.cat(input_ids, dim=0).to(self.device)

        # 1 for real tokens, 0 for padding
        mask_rows = (input_ids > 0).cpu().numpy().astype(np.int64)
        attention_mask = torch.LongTensor(mask_rows)

        with torch.no_grad():
            outputs = self.model(input_ids=input_ids, attention_mask=attention_mask)
        sentence_vectors = outputs.pooler_output
        token_states = outputs.last_hidden_state
        return sentence_vectors.cpu(), token_states.cpu()


if __name__ == "__main__":
    encoder = WrappedBertEncoder()
    vectors, states = encoder.encode_sentences([
        "refund for my cancelled order",
        "the parcel never arrived",
        "how do I change my password",
    ])
    print(vectors.shape, states.shape)
