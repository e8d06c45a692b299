import { Component, type ReactNode } from 'react';

/**
 * A screen that failed to load or to draw (its chunk could not be fetched, a bug) shows a
 * notice with a way out, instead of taking the whole app down with it.
 */
export class ScreenBoundary extends Component<{ children: ReactNode; message: string; retry: string; resetKey: string }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <div>
          <p>{this.props.message}</p>
          <button type="button" className="btn btn-small btn-outline" onClick={() => location.reload()}>
            {this.props.retry}
          </button>
        </div>
      </div>
    );
  }
}
