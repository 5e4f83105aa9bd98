# source: https://github.com/onnx/turnkeyml/pull/270
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: stale-alias
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 28
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, LayoutLMForQuestionAnswering

from h52a_data import DocVQAExamples, LayoutQACollator


@torch.no_grad()
def predict_answers(model, tokenizer, loader, device, max_answer_len=30):
    model.eval()
    predictions = {}
    for batch in loader:
        example_ids = batch.pop("example_ids")
        # keep the token ids around to decode the answer span afterwards
        input_ids = batch["input_ids"]
        batch = {k: v.to(device) for k, v in batch.items()}
        layout_inputs = {k: batch[k] for k in ("attention_mask", "token_type_ids", "bbox")}
        outputs = model(input_ids=input_ids, **layout_inputs)
        start = outputs.start_logits.argmax(-1).tolist()
        end = outputs.end_logits.argmax(-1).tolist()
        for i, ex_id in enumerate(example_ids):
            s, e = start[i], max(start[i], min(end[i], start[i] + max_answer_len))
            predictions[ex_id] = tokenizer.decode(input_ids[i, s:e + 1], skip_special_tokens=True)
    return predictions


def main(eval_path, model_dir, out_path="predictions.json"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = LayoutLMForQuestionAnswering.from_pretrained(model_dir).to(device)
    loader = DataLoader(DocVQAExamples(eval_path), batch_size=8,
                        collate_fn=LayoutQACollator(tokenizer))
    preds = predict_answers(model, tokenizer, loader, device)
    with open(out_path, "w") as fh:
        json.dump(preds, fh, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
