# source: https://github.com/huggingface/transformers/issues/227
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #3 'index'
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict, class
# bug-lines: 21, 22
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import BertForMaskedLM, BertTokenizer


class BertSetExpander:
    def __init__(self, model_name="bert-base-uncased", device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = BertTokenizer.from_pretrained(model_name)
        self.model = BertForMaskedLM.from_pretrained(model_name).to(self.device)
        self.model.eval()

    @torch.no_grad()
    def mask_representation(self, features):
        out = self.model.bert(input_ids=features["input_ids"],
                              attention_mask=features["attention_mask"])
        rows = torch.arange(out.last_hidden_state.size(0))
        return out.last_hidden_state[rows, features["mask_pos"]]

    @torch.no_grad()
    def candidate_scores(self, features, top_k=20):
        reps = self.mask_representation(features)
        logits = self.model.cls(reps)
        scores, ids = logits.softmax(-1).topk(top_k, dim=-1)
        return [
            list(zip(self.tokenizer.convert_ids_to_tokens(row_ids.tolist()), row_scores.tolist()))
            for row_ids, row_scores in zip(ids, scores)
        ]
